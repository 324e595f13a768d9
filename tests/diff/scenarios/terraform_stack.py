"""A Terraform root module whose database settings come from `terraform.tfvars` and whose
bucket comes from a local module call: the values that decide the threats live in files
other than the resources."""

from __future__ import annotations

from scenarios.builder import PullRequest
from scenarios.catalogue import Scenario

MAIN_TF = """\
module "reports" {
  source = "./modules/bucket"
  name   = "clinic-reports"
  acl    = "public-read"
}

resource "aws_db_instance" "patients" {
  identifier              = "clinic-patients"
  engine                  = "postgres"
  storage_encrypted       = true
  backup_retention_period = 7
  publicly_accessible     = var.db_public
}
"""

VARIABLES_TF = """\
variable "db_public" {
  type    = bool
  default = false
}
"""

TFVARS = "db_public = false\n"
TFVARS_PUBLIC = "db_public = true\n"

MODULE_TF = """\
variable "name" {
  type = string
}

variable "acl" {
  type    = string
  default = "private"
}

resource "aws_s3_bucket" "this" {
  bucket = var.name
}

resource "aws_s3_bucket_logging" "this" {
  bucket        = aws_s3_bucket.this.id
  target_bucket = "clinic-access-logs"
}

resource "aws_s3_bucket_acl" "this" {
  bucket = aws_s3_bucket.this.id
  acl    = var.acl
}
"""

FILES = {
    "infra/main.tf": MAIN_TF,
    "infra/variables.tf": VARIABLES_TF,
    "infra/terraform.tfvars": TFVARS,
    "infra/modules/bucket/main.tf": MODULE_TF,
}

# Scenario: the PR only edits terraform.tfvars, which makes the database public.
DATABASE_MADE_PUBLIC_BY_TFVARS = Scenario(
    "database-public-by-tfvars",
    FILES,
    PullRequest(write={"infra/terraform.tfvars": TFVARS_PUBLIC}),
)

MAIN_TF_PRIVATE_REPORTS = MAIN_TF.replace('acl    = "public-read"', 'acl    = "private"')

# Scenario: the PR changes the module call's input, which makes the bucket private again.
BUCKET_MADE_PRIVATE_BY_MODULE_INPUT = Scenario(
    "bucket-private-by-module-input",
    FILES,
    PullRequest(write={"infra/main.tf": MAIN_TF_PRIVATE_REPORTS}),
)
