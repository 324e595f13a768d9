resource "aws_sqs_queue" "jobs" {
  name                    = "jobs"
  sqs_managed_sse_enabled = true # ruleid: TD-I028
}

# ruleid: TD-I028
resource "aws_sns_topic" "alerts" {
  kms_master_key_id = "alias/aws/sns"
  name = "alerts"
}

# ruleid: TD-I028
resource "aws_efs_file_system" "shared" {
  encrypted      = true
  creation_token = "shared"
}
