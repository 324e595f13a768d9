variable "encrypt_events" {
  type    = bool
  default = false
}

variable "encrypt_ledger" {
  type    = bool
  default = true
}
