# Ownership controls BucketOwnerEnforced disable ACLs: the public ACL has no effect.

resource "aws_s3_bucket" "scans" {
  bucket = "clinic-scans"
}

resource "aws_s3_bucket_ownership_controls" "scans" {
  bucket = aws_s3_bucket.scans.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_acl" "scans" {
  bucket = aws_s3_bucket.scans.id
  acl    = "public-read" # ok: TD-I009
}
