locals {
  rotate_keys = true
}

resource "aws_kms_key" "records" {
  description         = "records"
  enable_key_rotation = local.rotate_keys # ruleid: TD-T013
}
