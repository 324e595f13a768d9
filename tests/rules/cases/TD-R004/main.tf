# ruleid: TD-R004
resource "aws_s3_bucket" "exports" {
  bucket = "clinic-patient-exports"
}

# ok: TD-R004
resource "aws_s3_bucket" "invoices" {
  bucket = "clinic-invoices"
}

resource "aws_s3_bucket_logging" "invoices" {
  bucket        = aws_s3_bucket.invoices.id
  target_bucket = aws_s3_bucket.sink.id
  target_prefix = "invoices/"
}

# ok: TD-R004
resource "aws_s3_bucket" "sink" {
  bucket = "clinic-bucket-sink"
}

# ok: TD-R004
resource "aws_s3_bucket" "audit" {
  bucket = "clinic-audit-logs"
}

# ok: TD-R004
resource "aws_s3_bucket" "legacy" {
  bucket = "clinic-legacy"
  logging {
    target_bucket = "clinic-bucket-sink"
  }
}
