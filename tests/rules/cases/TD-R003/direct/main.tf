resource "aws_cloudtrail" "paused" {
  name                       = "clinic-paused"
  s3_bucket_name             = "clinic-trail"
  enable_log_file_validation = true
  enable_logging             = false # ruleid: TD-R003
}

# ruleid: TD-R003
resource "aws_cloudtrail" "unvalidated" {
  name           = "clinic-unvalidated"
  s3_bucket_name = "clinic-trail"
}

resource "aws_cloudtrail" "main" {
  name                       = "clinic-main"
  s3_bucket_name             = "clinic-trail"
  is_multi_region_trail      = true
  enable_log_file_validation = true # ok: TD-R003
}
