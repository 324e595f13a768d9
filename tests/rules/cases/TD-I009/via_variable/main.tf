resource "aws_s3_bucket" "exports" {
  bucket = var.exports_bucket_name
}

resource "aws_s3_bucket_acl" "exports" {
  bucket = aws_s3_bucket.exports.id
  acl    = var.exports_acl # ruleid: TD-I009
}
