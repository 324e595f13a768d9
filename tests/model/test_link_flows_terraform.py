"""Terraform entry points: public load balancers, API gateways and function URLs."""

from __future__ import annotations

from pathlib import Path

from threatdelta.model import Tri
from threatdelta.pipeline import scan

MAIN_TF = """\
resource "aws_lb" "web" {
  internal = false
}

resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.web.arn
  port              = 80
  protocol          = "HTTP"
}

resource "aws_lb" "intra" {
  internal = true
}

resource "aws_lambda_function_url" "hook" {
  function_name      = "hook"
  authorization_type = "NONE"
}

resource "aws_apigatewayv2_api" "api" {
  name          = "api"
  protocol_type = "HTTP"
}
"""


def test_public_entry_points_get_a_flow_from_the_internet(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN_TF, encoding="utf-8")
    flows = {f.target: f for f in scan(tmp_path).model.flows if f.source == "external:internet"}
    assert set(flows) == {
        "iac:aws_lb.web",
        "iac:aws_lambda_function_url.hook",
        "iac:aws_apigatewayv2_api.api",
    }
    web = flows["iac:aws_lb.web"]
    assert web.encrypted is Tri.NO  # an HTTP listener
    assert web.evidence[0].location.start_line == 8  # the listener's protocol
    hook = flows["iac:aws_lambda_function_url.hook"]
    assert (hook.encrypted, hook.authenticated) == (Tri.YES, Tri.NO)
