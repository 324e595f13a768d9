variable "export_auth" {
  default = "NONE"
}

variable "reports_auth" {
  default = "AWS_IAM"
}
