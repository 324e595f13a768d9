variable "admin_cidrs" {
  type    = list(string)
  default = ["0.0.0.0/0"]
}

variable "metrics_cidrs" {
  type    = list(string)
  default = ["10.20.0.0/16"]
}
