resource "aws_s3_bucket" "invoices" {
  bucket = "clinic-invoices"
}

resource "aws_s3_bucket_acl" "invoices" {
  bucket = aws_s3_bucket.invoices.id
  acl    = var.invoices_acl # ok: TD-I009
}

variable "invoices_acl" {
  type    = string
  default = "private"
}
