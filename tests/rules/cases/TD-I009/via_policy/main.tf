resource "aws_s3_bucket" "reports" {
  bucket = "clinic-reports"
}

resource "aws_s3_bucket_policy" "reports" {
  bucket = aws_s3_bucket.reports.id
  # ruleid: TD-I009
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "PublicRead"
        Effect    = "Allow"
        Principal = { AWS = "*" }
        Action    = "s3:GetObject"
        Resource  = "${aws_s3_bucket.reports.arn}/*"
      },
    ]
  })
}

resource "aws_s3_bucket" "backups" {
  bucket = "clinic-backups"
  # ruleid: TD-I009
  policy = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::clinic-backups/*"}
  ]
}
POLICY
}
