data "aws_iam_policy_document" "worker" {
  statement {
    actions   = var.worker_actions # ruleid: TD-E013
    resources = ["arn:aws:sqs:eu-west-1:111122223333:clinic-jobs"]
  }

  statement {
    actions   = ["sqs:ReceiveMessage"]
    resources = var.worker_queues # ok: TD-E013
  }
}
