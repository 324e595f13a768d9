variable "admin_port" {
  default = 8080
}

variable "admin_protocol" {
  default = "HTTP"
}

variable "portal_protocol" {
  default = "HTTPS"
}
