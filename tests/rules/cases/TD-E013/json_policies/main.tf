resource "aws_iam_policy" "ops_admin" {
  name = "clinic-ops-admin"
  # ruleid: TD-E013
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]
  })
}

resource "aws_iam_role_policy" "uploader" {
  name = "clinic-uploader"
  role = aws_iam_role.app.id
  # ruleid: TD-E013
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Action": ["s3:*"], "Resource": "arn:aws:s3:::clinic-uploads/*"}
  ]
}
EOF
}

resource "aws_iam_policy" "reader" {
  name = "clinic-reader"
  # ok: TD-E013
  policy = jsonencode({
    Statement = [
      { Effect = "Allow", Action = ["s3:GetObject"], Resource = "arn:aws:s3:::clinic-reports/*" },
      { Effect = "Allow", Action = ["ec2:DescribeInstances", "s3:ListAllMyBuckets"], Resource = "*" },
      { Effect = "Deny", Action = "*", Resource = "*" },
    ]
  })
}

resource "aws_iam_role" "app" {
  name               = "clinic-app"
  assume_role_policy = "{}"

  inline_policy {
    name = "everything"
    # ruleid: TD-E013
    policy = jsonencode({
      Statement = [{ Effect = "Allow", Action = ["dynamodb:PutItem"], Resource = "*" }]
    })
  }
}
