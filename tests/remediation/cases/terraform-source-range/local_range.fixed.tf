locals {
  admin_cidrs = var.admin_cidrs
}

resource "aws_security_group" "bastion" {
  name = "bastion"
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = local.admin_cidrs # ruleid: TD-I016
  }
}

variable "admin_cidrs" {
  description = "Source address ranges allowed in (no default: set it per environment)."
  type        = list(string)
}
