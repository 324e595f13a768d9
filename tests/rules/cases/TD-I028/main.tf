resource "aws_ebs_volume" "scratch" {
  availability_zone = "eu-west-1a"
  size              = 100
  encrypted         = false # ruleid: TD-I028
}

# ruleid: TD-I028
resource "aws_efs_file_system" "uploads" {
  creation_token = "uploads"
}

resource "aws_efs_file_system" "reports" {
  creation_token = "reports"
  encrypted      = true # ok: TD-I028
}

resource "aws_sqs_queue" "orders" {
  name                    = "orders"
  sqs_managed_sse_enabled = false # ruleid: TD-I028
}

# ok: TD-I028
resource "aws_sqs_queue" "default_sse" {
  name = "default-sse"
}

# ruleid: TD-I028
resource "aws_sns_topic" "alerts" {
  name = "alerts"
}

# ok: TD-I028
resource "aws_sns_topic" "billing" {
  name              = "billing"
  kms_master_key_id = aws_kms_key.billing.id
}

resource "aws_ebs_encryption_by_default" "on" {
  enabled = true
}

# ok: TD-I028
resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-1a"
  size              = 50
}
