data "aws_iam_policy_document" "deploy" {
  statement {
    # ruleid: TD-E013
    actions   = ["*"]
    resources = ["*"]
  }

  statement {
    actions = ["sqs:SendMessage"]
    # ruleid: TD-E013
    resources = ["*"]
  }

  statement {
    effect    = "Deny"
    actions   = ["*"] # ok: TD-E013
    resources = ["*"]
  }
}

data "aws_iam_policy_document" "read_reports" {
  statement {
    actions   = ["s3:GetObject"] # ok: TD-E013
    resources = ["arn:aws:s3:::clinic-reports/*"]
  }
}

resource "aws_iam_policy" "deploy" {
  name   = "clinic-deploy"
  policy = data.aws_iam_policy_document.deploy.json # ok: TD-E013
}
