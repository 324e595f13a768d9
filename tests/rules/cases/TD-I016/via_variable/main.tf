resource "aws_security_group" "admin" {
  name = "clinic-admin"

  ingress {
    from_port   = 8443
    to_port     = 8443
    protocol    = "tcp"
    cidr_blocks = var.admin_cidrs # ruleid: TD-I016
  }

  ingress {
    from_port   = 9100
    to_port     = 9100
    protocol    = "tcp"
    cidr_blocks = var.metrics_cidrs # ok: TD-I016
  }
}
