resource "aws_s3_bucket" "internal" {
  bucket = "clinic-internal"
}

resource "aws_s3_bucket_policy" "internal" {
  bucket = aws_s3_bucket.internal.id
  # ok: TD-I009
  policy = jsonencode({
    Statement = [
      {
        Effect    = "Allow"
        Principal = "*"
        Action    = "s3:GetObject"
        Resource  = "${aws_s3_bucket.internal.arn}/*"
        Condition = { StringEquals = { "aws:SourceVpce" = "vpce-0a1b2c3d" } }
      },
      {
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource  = "${aws_s3_bucket.internal.arn}/*"
      },
    ]
  })
}
