variable "analytics_public" {
  type    = bool
  default = true
}

variable "audit_public" {
  type    = bool
  default = false
}
