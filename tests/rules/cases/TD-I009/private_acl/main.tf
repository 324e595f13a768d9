resource "aws_s3_bucket" "logs" {
  bucket = "clinic-logs"
}

resource "aws_s3_bucket_acl" "logs" {
  bucket = aws_s3_bucket.logs.id
  acl    = "private" # ok: TD-I009
}

resource "aws_s3_bucket" "archive" {
  bucket = "clinic-archive"
  acl    = "log-delivery-write" # ok: TD-I009
}
