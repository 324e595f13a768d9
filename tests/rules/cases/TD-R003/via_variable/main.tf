resource "aws_cloudtrail" "regional" {
  name                       = "clinic-regional"
  s3_bucket_name             = "clinic-trail"
  enable_log_file_validation = var.validate_regional # ruleid: TD-R003
}

resource "aws_cloudtrail" "org" {
  name                       = "clinic-org"
  s3_bucket_name             = "clinic-trail"
  enable_log_file_validation = var.validate_org # ok: TD-R003
}
