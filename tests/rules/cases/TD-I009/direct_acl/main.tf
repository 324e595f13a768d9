# A bucket made public by its own legacy `acl` argument, and one by an aws_s3_bucket_acl.

resource "aws_s3_bucket" "assets" {
  bucket = "clinic-public-assets"
  acl    = "public-read" # ruleid: TD-I009

  website {
    index_document = "index.html"
  }
}

resource "aws_s3_bucket" "uploads" {
  bucket = "clinic-patient-uploads"
}

resource "aws_s3_bucket_acl" "uploads" {
  bucket = aws_s3_bucket.uploads.id
  // ruleid: TD-I009
  acl = "public-read-write"
}
