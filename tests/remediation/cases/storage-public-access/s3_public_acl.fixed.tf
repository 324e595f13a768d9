resource "aws_s3_bucket" "exports" {
  bucket = "clinic-exports"
  acl    = "private" # ruleid: TD-I009
}

resource "aws_s3_bucket_public_access_block" "exports" {
  bucket                  = aws_s3_bucket.exports.id
  block_public_acls       = false
  block_public_policy     = true
  ignore_public_acls      = false
  restrict_public_buckets = true
}
