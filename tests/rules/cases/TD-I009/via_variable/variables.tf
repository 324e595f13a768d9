variable "exports_bucket_name" {
  type    = string
  default = "clinic-exports"
}

variable "exports_acl" {
  type        = string
  description = "Canned ACL of the exports bucket"
  default     = "public-read"
}
