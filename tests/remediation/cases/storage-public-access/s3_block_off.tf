resource "aws_s3_bucket" "reports" {
  bucket = "clinic-reports"
}

resource "aws_s3_bucket_public_access_block" "reports" {
  bucket              = aws_s3_bucket.reports.id
  block_public_acls   = true
  block_public_policy = false
}

resource "aws_s3_bucket_policy" "reports" {
  bucket = aws_s3_bucket.reports.id
  # ruleid: TD-I009
  policy = <<EOF
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::clinic-reports/*"}]}
EOF
}
