variable "api_log_days" {
  default = 3
}

resource "aws_cloudwatch_log_group" "app" {
  name              = "/clinic/app"
  retention_in_days = 7 # ruleid: TD-R005
}

resource "aws_cloudwatch_log_group" "api" {
  name = "/clinic/api"
  # ruleid: TD-R005
  retention_in_days = var.api_log_days
}

resource "aws_cloudwatch_log_group" "audit" {
  name              = "/clinic/audit"
  retention_in_days = 365 # ok: TD-R005
}

resource "aws_cloudwatch_log_group" "forever" {
  name              = "/clinic/forever"
  retention_in_days = 0 # ok: TD-R005
}

resource "azurerm_log_analytics_workspace" "main" {
  name              = "clinic"
  retention_in_days = 30 # ruleid: TD-R005
}
