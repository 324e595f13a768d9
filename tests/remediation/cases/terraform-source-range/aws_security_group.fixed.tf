resource "aws_security_group" "bastion" {
  name = "bastion"

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = var.bastion_allowed_cidrs # ruleid: TD-I016
  }
}

variable "bastion_allowed_cidrs" {
  description = "Source address ranges allowed in (no default: set it per environment)."
  type        = list(string)
}
