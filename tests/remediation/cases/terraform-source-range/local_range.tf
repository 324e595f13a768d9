locals {
  admin_cidrs = ["0.0.0.0/0"]
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
