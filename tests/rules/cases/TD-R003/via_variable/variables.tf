variable "validate_regional" {
  type    = bool
  default = false
}

variable "validate_org" {
  type    = bool
  default = true
}
