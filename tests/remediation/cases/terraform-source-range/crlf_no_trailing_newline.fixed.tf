resource "aws_security_group" "db" {
  ingress {
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = var.db_allowed_cidrs # ruleid: TD-I016
  }
}

variable "db_allowed_cidrs" {
  description = "Source address ranges allowed in (no default: set it per environment)."
  type        = list(string)
}