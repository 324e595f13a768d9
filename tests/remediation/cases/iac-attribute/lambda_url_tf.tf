resource "aws_lambda_function_url" "intake" {
  function_name      = "intake"
  authorization_type = "NONE" # ruleid: TD-S010
}
