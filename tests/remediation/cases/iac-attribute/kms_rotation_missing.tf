# ruleid: TD-T013
resource "aws_kms_key" "records" {
  description = "records"
}
