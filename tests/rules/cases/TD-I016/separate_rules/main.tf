resource "aws_security_group" "db" {
  name = "clinic-db"
}

resource "aws_security_group_rule" "postgres_world" {
  type              = "ingress"
  from_port         = 5432
  to_port           = 5432
  protocol          = "tcp"
  cidr_blocks       = ["10.0.0.0/8", "0.0.0.0/0"] # ruleid: TD-I016
  security_group_id = aws_security_group.db.id
}

resource "aws_security_group_rule" "out" {
  type              = "egress"
  from_port         = 0
  to_port           = 65535
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"] # ok: TD-I016
  security_group_id = aws_security_group.db.id
}

resource "aws_vpc_security_group_ingress_rule" "rdp" {
  security_group_id = aws_security_group.db.id
  cidr_ipv6         = "::/0" # ruleid: TD-I016
  from_port         = 3389
  to_port           = 3389
  ip_protocol       = "tcp"
}

resource "aws_vpc_security_group_ingress_rule" "http" {
  security_group_id = aws_security_group.db.id
  cidr_ipv4         = "0.0.0.0/0" # ok: TD-I016
  from_port         = 80
  to_port           = 80
  ip_protocol       = "tcp"
}

# Ports from a local are not read: reported with lower confidence.
resource "aws_security_group_rule" "custom" {
  type              = "ingress"
  from_port         = local.custom_port
  to_port           = local.custom_port
  protocol          = "tcp"
  ipv6_cidr_blocks  = ["::/0"] # ruleid: TD-I016
  security_group_id = aws_security_group.db.id
}
