"""Terraform for a reports bucket whose ACL comes from a variable."""

from __future__ import annotations

MAIN_TF = """\
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

resource "aws_s3_bucket" "reports" {
  bucket = var.reports_bucket_name
}

resource "aws_s3_bucket_ownership_controls" "reports" {
  bucket = aws_s3_bucket.reports.id
  rule {
    object_ownership = "BucketOwnerPreferred"
  }
}

resource "aws_s3_bucket_acl" "reports" {
  depends_on = [aws_s3_bucket_ownership_controls.reports]
  bucket     = aws_s3_bucket.reports.id
  acl        = var.reports_bucket_acl
}

resource "aws_s3_bucket_logging" "reports" {
  bucket        = aws_s3_bucket.reports.id
  target_bucket = "clinic-access-logs"
  target_prefix = "reports/"
}
"""

VARIABLES_TF = """\
variable "reports_bucket_name" {
  type    = string
  default = "clinic-monthly-reports"
}

variable "reports_bucket_acl" {
  type        = string
  description = "Canned ACL of the reports bucket"
  default     = "private"
}
"""

# Scenario: the PR makes the bucket world-readable through the variable's default only.
VARIABLES_TF_PUBLIC = VARIABLES_TF.replace('default     = "private"', 'default     = "public-read"')

README = """\
# reports infrastructure

`terraform apply` creates the bucket the monthly clinic reports are written to.
"""

FILES = {
    "infra/main.tf": MAIN_TF,
    "infra/variables.tf": VARIABLES_TF,
    "infra/README.md": README,
}
