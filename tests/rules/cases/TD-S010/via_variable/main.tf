resource "aws_lambda_function_url" "export" {
  function_name = "clinic-export"
  # ruleid: TD-S010
  authorization_type = var.export_auth
  cors {
    allow_origins = ["https://clinic.example"]
  }
}

resource "aws_lambda_function_url" "reports" {
  function_name      = "clinic-reports"
  authorization_type = var.reports_auth # ok: TD-S010
}
