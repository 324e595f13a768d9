resource "aws_sqs_queue" "jobs" {
  name                    = "jobs"
  sqs_managed_sse_enabled = false # ruleid: TD-I028
}

# ruleid: TD-I028
resource "aws_sns_topic" "alerts" {
  name = "alerts"
}

# ruleid: TD-I028
resource "aws_efs_file_system" "shared" {
  creation_token = "shared"
}
