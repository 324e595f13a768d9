"""The terraform-stack fixture's Markdown diagram draws its VPC and subnets as nested
subgraphs around the load balancer and the instance it forwards to."""

from __future__ import annotations

import re
from pathlib import Path

from threatdelta.cli.main import main

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def test_terraform_stack_diagram_nests_subnets_in_their_vpc(tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    code = main(
        [
            "scan",
            str(FIXTURES / "terraform-stack"),
            "--format",
            "markdown",
            "--no-fixes",
            "-o",
            str(out),
        ]
    )
    assert code == 0
    text = out.read_text(encoding="utf-8")
    diagram = text.split("```mermaid", 1)[1].split("```", 1)[0]
    lines = diagram.splitlines()
    vpc = next(i for i, line in enumerate(lines) if 'network: vpc:aws_vpc.batch"]' in line)
    public = next(i for i, line in enumerate(lines) if "subnet:aws_subnet.public_a:public" in line)
    private = next(i for i, line in enumerate(lines) if "subnet:aws_subnet.private_a" in line)
    indent = len(lines[vpc]) - len(lines[vpc].lstrip())
    for sub in (public, private):
        assert sub > vpc
        assert len(lines[sub]) - len(lines[sub].lstrip()) > indent  # nested in the VPC
    assert "aws_lb portal" in lines[public + 1]
    assert "aws_instance portal" in lines[private + 1]
    assert re.search(r'-->\|"http, TLS yes"\|', diagram)
