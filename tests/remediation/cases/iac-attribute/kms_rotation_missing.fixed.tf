# ruleid: TD-T013
resource "aws_kms_key" "records" {
  enable_key_rotation = true
  description = "records"
}
