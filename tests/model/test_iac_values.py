"""What `var.x` and `local.x` stand for in a folder: tfvars over defaults, locals resolved
through each other, structured values never spliced into a template."""

from __future__ import annotations

from threatdelta.model.base import Location
from threatdelta.model.fragment import IacValueKind, IacVariable
from threatdelta.model.iac_values import folder_scope, substitute


def _value(
    name: str, text: str, kind: IacValueKind, path: str = "infra/main.tf", **kw: bool
) -> IacVariable:
    return IacVariable(
        module="infra",
        name=name,
        default=text,
        location=Location(path=path, start_line=1, end_line=1),
        kind=kind,
        **kw,
    )


def test_locals_chain_through_each_other_and_keep_the_defaults_they_used() -> None:
    scope = folder_scope(
        [
            _value("b", "${local.a}-b", IacValueKind.LOCAL),
            _value("a", "${var.env}", IacValueKind.LOCAL),
            _value("env", "prod", IacValueKind.DEFAULT),
        ]
    )
    assert scope["local.b"].text == "prod-b"
    assert scope["local.b"].defaults == ("env",)


def test_terraform_tfvars_is_read_before_auto_tfvars() -> None:
    scope = folder_scope(
        [
            _value("acl", "a", IacValueKind.TFVARS, path="infra/a.auto.tfvars"),
            _value("acl", "t", IacValueKind.TFVARS, path="infra/terraform.tfvars"),
        ]
    )
    assert scope["var.acl"].text == "a"


def test_structured_value_replaces_a_whole_reference_but_not_a_template_piece() -> None:
    scope = folder_scope([_value("cidrs", '["0.0.0.0/0"]', IacValueKind.DEFAULT, structured=True)])
    assert substitute("${var.cidrs}", scope)[0] == '["0.0.0.0/0"]'
    assert substitute("x-${var.cidrs}", scope)[0] == "x-${var.cidrs}"


def test_reference_to_an_unknown_name_stays_as_written() -> None:
    text, used = substitute("${local.missing}", folder_scope([]))
    assert (text, used) == ("${local.missing}", [])
