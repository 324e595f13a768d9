resource "aws_lambda_function_url" "webhook" {
  function_name      = "clinic-webhook"
  authorization_type = "NONE" # ruleid: TD-S010
}

resource "aws_lambda_function_url" "internal" {
  function_name      = "clinic-internal"
  authorization_type = "AWS_IAM" # ok: TD-S010
}
