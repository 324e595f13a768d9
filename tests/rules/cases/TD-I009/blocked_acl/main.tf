# A public ACL and a public policy, both voided by a full public access block.

resource "aws_s3_bucket" "media" {
  bucket = "clinic-media"
}

resource "aws_s3_bucket_acl" "media" {
  bucket = aws_s3_bucket.media.id
  acl    = "public-read" # ok: TD-I009
}

resource "aws_s3_bucket_policy" "media" {
  bucket = aws_s3_bucket.media.id
  # ok: TD-I009
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "*" }]
  })
}

resource "aws_s3_bucket_public_access_block" "media" {
  bucket                  = aws_s3_bucket.media.id
  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = true
  restrict_public_buckets = true
}
