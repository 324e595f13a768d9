# ruleid: TD-R004
resource "aws_vpc" "legacy" {
  cidr_block = "10.1.0.0/16"
}

# ok: TD-R004
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_flow_log" "main" {
  vpc_id          = aws_vpc.main.id
  traffic_type    = "ALL"
  log_destination = "arn:aws:s3:::clinic-flow-logs"
}
