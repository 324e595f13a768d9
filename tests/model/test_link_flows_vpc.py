"""Terraform VPCs and subnets as network trust boundaries, through the extractor and link."""

from __future__ import annotations

from pathlib import Path

from threatdelta.model import Tri
from threatdelta.model.threat_model import ThreatModel
from threatdelta.pipeline import scan

NETWORK_TF = """\
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "public_a" {
  vpc_id                  = aws_vpc.main.id
  map_public_ip_on_launch = true
}

resource "aws_subnet" "private_a" {
  vpc_id = aws_vpc.main.id
}

resource "aws_db_subnet_group" "db" {
  subnet_ids = [aws_subnet.private_a.id]
}

resource "aws_db_instance" "orders" {
  engine               = "postgres"
  db_subnet_group_name = aws_db_subnet_group.db.name
}

resource "aws_lb" "web" {
  subnets = [aws_subnet.public_a.id]
}

resource "aws_lb_target_group" "app" {
  protocol = "HTTP"
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.web.arn
  protocol          = "HTTPS"
  default_action {
    target_group_arn = aws_lb_target_group.app.arn
  }
}

resource "aws_instance" "app" {
  subnet_id = aws_subnet.private_a.id
}

resource "aws_lb_target_group_attachment" "app" {
  target_group_arn = aws_lb_target_group.app.arn
  target_id        = aws_instance.app.id
}
"""

VPC = "boundary:vpc:aws_vpc.main"
PUBLIC = "boundary:subnet:aws_subnet.public_a:public"
PRIVATE = "boundary:subnet:aws_subnet.private_a"


def _model(tmp_path: Path, text: str) -> ThreatModel:
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")
    return scan(tmp_path).model


def test_a_vpc_with_a_public_and_a_private_subnet(tmp_path: Path) -> None:
    boundaries = {b.key: b for b in _model(tmp_path, NETWORK_TF).boundaries}
    assert boundaries[VPC].kind_of == "network"
    assert boundaries[PUBLIC].parent == VPC
    assert boundaries[PRIVATE].parent == VPC
    assert boundaries[PRIVATE].evidence[0].location.start_line == 10


def test_a_database_in_a_private_subnet_group_sits_in_the_private_subnet(tmp_path: Path) -> None:
    boundaries = {b.key: b for b in _model(tmp_path, NETWORK_TF).boundaries}
    assert boundaries[PRIVATE].members == ("iac:aws_db_instance.orders", "iac:aws_instance.app")
    assert boundaries[PUBLIC].members == ("iac:aws_lb.web",)
    assert boundaries[VPC].members == ()  # everything here is placed in a subnet


def test_the_internet_flow_to_a_public_balancer_crosses_its_subnet(tmp_path: Path) -> None:
    flows = {f.key: f for f in _model(tmp_path, NETWORK_TF).flows}
    entry = flows["flow:external:internet->iac:aws_lb.web:http"]
    assert entry.crosses == ("boundary:internet", PUBLIC, VPC)


def test_a_balancer_forwarding_to_an_instance_crosses_both_subnets(tmp_path: Path) -> None:
    flows = {f.key: f for f in _model(tmp_path, NETWORK_TF).flows}
    forward = flows["flow:iac:aws_lb.web->iac:aws_instance.app:http"]
    assert forward.crosses == (PRIVATE, PUBLIC)  # the VPC both sit in is not crossed
    assert forward.encrypted is Tri.NO  # an HTTP target group
    assert forward.evidence[0].location.start_line == 43  # the attachment


ROUTED_TF = """\
resource "aws_vpc" "main" {}
resource "aws_internet_gateway" "gw" {
  vpc_id = aws_vpc.main.id
}
resource "aws_route_table" "public" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.gw.id
  }
}
resource "aws_subnet" "edge" {
  count  = 2
  vpc_id = aws_vpc.main.id
}
resource "aws_route_table_association" "edge" {
  subnet_id      = aws_subnet.edge[0].id
  route_table_id = aws_route_table.public.id
}
resource "aws_security_group" "fn" {
  vpc_id = aws_vpc.main.id
}
resource "aws_lambda_function" "fn" {
  vpc_config {
    security_group_ids = [aws_security_group.fn.id]
  }
}
"""


def test_a_subnet_routed_to_an_internet_gateway_is_public(tmp_path: Path) -> None:
    boundaries = {b.key: b for b in _model(tmp_path, ROUTED_TF).boundaries}
    assert "boundary:subnet:aws_subnet.edge:public" in boundaries
    # no subnet named: the function sits in its security group's VPC
    assert boundaries[VPC].members == ("iac:aws_lambda_function.fn",)


UNRESOLVED_TF = """\
resource "aws_vpc" "main" {}
resource "aws_subnet" "a" {
  vpc_id = module.vpc.vpc_id
}
resource "aws_instance" "x" {
  subnet_id              = data.aws_subnet.shared.id
  vpc_security_group_ids = [var.sg, aws_security_group.missing.id]
}
resource "aws_db_instance" "y" {
  db_subnet_group_name = "literal-group"
}
resource "aws_lb" "z" {
  subnets = module.vpc.public_subnets
}
resource "aws_ecs_service" "s" {
  for_each = toset(["a", "b"])
  network_configuration {
    subnets = [aws_subnet.nope[each.key].id, "subnet-123"]
  }
}
"""


def test_unresolvable_references_place_nothing(tmp_path: Path) -> None:
    boundaries = {b.key: b for b in _model(tmp_path, UNRESOLVED_TF).boundaries}
    assert boundaries["boundary:subnet:aws_subnet.a"].parent == ""
    assert boundaries[VPC].members == ()
    assert boundaries["boundary:subnet:aws_subnet.a"].members == ()
