"""Reading a linked Terraform resource's settings: repeated nested blocks told apart by their
lines, list values, and the statements of IAM policies."""

from __future__ import annotations

from threatdelta.model.elements import IacAttribute, IacResource
from threatdelta.model.iac_settings import blocks, items, json_document, own
from threatdelta.model.iam_policy import document_statements, json_statements


def _attr(name: str, value: str, *within: int, resource: str = "") -> IacAttribute:
    return IacAttribute(name=name, value=value, blocks=within, resource=resource)


def test_two_ingress_blocks_with_different_arguments_stay_two_blocks() -> None:
    group = IacResource(
        type="aws_security_group",
        name="web",
        attributes=(
            _attr("name", "web"),
            _attr("ingress.cidr_blocks", '["0.0.0.0/0"]', 3),
            _attr("ingress.from_port", "22", 9),
            _attr("ingress.to_port", "22", 9),
            _attr("ingress.from_port", "5432", 14, resource="iac:other.x"),
        ),
    )
    found = blocks(group, "ingress")
    assert [sorted(b) for b in found] == [["cidr_blocks"], ["from_port", "to_port"]]
    assert own(group, "name") is not None and own(group, "ingress") is None


def test_blocks_of_a_deeper_kind_are_grouped_by_their_own_line() -> None:
    listener = IacResource(
        type="aws_lb_listener",
        name="web",
        attributes=(
            _attr("default_action.redirect.protocol", "HTTPS", 3, 5),
            _attr("default_action.redirect.port", "443", 3, 5),
            _attr("default_action.redirect.protocol", "HTTP", 9, 10),
        ),
    )
    found = blocks(listener, "default_action.redirect")
    assert [b["protocol"].value for b in found] == ["HTTPS", "HTTP"]


def test_items_and_json_document_never_raise_on_malformed_text() -> None:
    assert items('["a", 1]') == ["a", 1]
    assert items("[not json") == ["[not json"]
    assert items("0.0.0.0/0") == ["0.0.0.0/0"]
    assert json_document("{broken") is None and json_document("plain") is None


def test_json_policy_statements_read_effect_actions_and_resources() -> None:
    policy = _attr(
        "policy",
        '{"Statement":[{"Effect":"Allow","Action":"*","Resource":["*"]},"junk",'
        '{"Effect":"Deny","Action":["s3:*"]}]}',
    )
    found = json_statements(policy)
    assert [(s.allow, s.actions, s.resources) for s in found] == [
        (True, ("*",), ("*",)),
        (False, ("s3:*",), ()),
    ]
    assert json_statements(_attr("policy", "${data.x.json}")) == []


def test_policy_document_statement_effect_defaults_to_allow() -> None:
    actions = _attr("statement.actions", '["sqs:*"]', 2)
    deny = _attr("statement.effect", "Deny", 7)
    found = document_statements([{"actions": actions}, {"effect": deny}])
    assert [(s.allow, s.actions, s.actions_from) for s in found] == [
        (True, ("sqs:*",), actions),
        (False, (), None),
    ]
