# SSH open to the world is flagged; HTTPS open to the world and SSH from the office are not.

resource "aws_security_group" "web" {
  name = "clinic-web"

  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"] # ok: TD-I016
  }

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"] # ruleid: TD-I016
  }

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["203.0.113.0/24"] # ok: TD-I016
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"] # ok: TD-I016
  }
}

resource "aws_security_group" "debug" {
  name = "clinic-debug"
  # ruleid: TD-I016
  ingress = [{
    from_port        = 0
    to_port          = 0
    protocol         = "-1"
    cidr_blocks      = []
    ipv6_cidr_blocks = ["::/0"]
  }]
}
