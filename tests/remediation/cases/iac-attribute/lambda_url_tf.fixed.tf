resource "aws_lambda_function_url" "intake" {
  function_name      = "intake"
  authorization_type = "AWS_IAM" # ruleid: TD-S010
}
