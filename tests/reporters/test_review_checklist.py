"""Questions for a human reviewer: asked on the affected elements where automated analysis is
weak (money, approvals, bulk operations, role changes, new third parties, webhooks), never on
a plain CRUD change, escaped, and shown in the pull-request summary."""

from __future__ import annotations

from pathlib import Path

import pytest
from delta_samples import delta_report

from threatdelta.cli.main import EXIT_OK, main
from threatdelta.github.summary_fit import fit_summary
from threatdelta.model.base import Evidence, Location
from threatdelta.model.elements import DataFlow, Endpoint, ExternalEntity, ExternalKind
from threatdelta.model.threat_model import ThreatModel
from threatdelta.pipeline import scan_with_inputs
from threatdelta.reporters.delta_markdown import render_delta_markdown
from threatdelta.reporters.review_checklist import (
    HEADING,
    MAX_QUESTIONS,
    ReviewQuestion,
    ReviewTopic,
    render_checklist,
    review_questions,
)

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def _model(app: str) -> ThreatModel:
    report, _ = scan_with_inputs(FIXTURES / app)
    return report.model


def _endpoint(method: str, path: str, guards: tuple[str, ...] = (), name: str = "") -> Endpoint:
    where = Location(path="app/api.py", start_line=10, end_line=20)
    return Endpoint(
        method=method,
        path=path,
        service="app",
        handler=where,
        handler_name=name,
        guards=guards,
        evidence=(Evidence(location=where),),
    )


def test_refund_endpoint_of_the_fixture_asks_about_replay_and_amounts() -> None:
    model = _model("multi-service")

    questions = review_questions(model, ["endpoint:POST /refunds"])

    (question,) = questions
    assert question.topic is ReviewTopic.BUSINESS_LOGIC
    assert question.element == "endpoint:POST /refunds"
    assert question.location is not None
    assert (question.location.path, question.location.start_line) == ("checkout/src/server.js", 24)
    assert "replayed" in question.question and "(refunds)" in question.question


def test_invoice_payment_of_the_flask_fixture_is_a_business_logic_question() -> None:
    key = "endpoint:POST /api/v1/billing/invoices/{invoice_id}/pay"

    questions = review_questions(_model("flask-clinic"), [key])

    assert [(q.topic, q.element) for q in questions] == [(ReviewTopic.BUSINESS_LOGIC, key)]
    assert questions[0].location == Location(
        path="clinic/api/billing.py", start_line=51, end_line=questions[0].location.end_line
    )  # type: ignore[union-attr]


def test_new_third_party_is_asked_about_but_the_internet_is_not() -> None:
    model = _model("multi-service")

    questions = review_questions(model, ["external:api.stripe.com", "external:internet"])

    assert [(q.topic, q.element) for q in questions] == [
        (ReviewTopic.EXTERNAL_TRUST, "external:api.stripe.com")
    ]


def test_webhook_receiver_of_the_fixture_asks_how_the_sender_is_authenticated() -> None:
    questions = review_questions(_model("express-shop"), ["endpoint:POST /api/webhooks/shipping"])

    assert [q.topic for q in questions] == [ReviewTopic.EXTERNAL_TRUST]
    assert "signature" in questions[0].question


def test_plain_crud_change_asks_nothing() -> None:
    model = _model("flask-clinic")
    crud = [
        "endpoint:POST /api/v1/patients",
        "endpoint:GET /api/v1/patients/{patient_id}",
        "endpoint:DELETE /api/v1/patients/{patient_id}",
        "datastore:sql:patients",
    ]
    assert all(model.element(key) is not None for key in crud)

    assert review_questions(model, crud) == ()
    assert render_checklist(()) == ""


def test_role_change_reachable_by_any_user_is_a_privilege_chain_question() -> None:
    open_to_users = _endpoint("PUT", "/users/{user_id}/role", ("login_required",), "set_role")
    model = ThreatModel(endpoints=(open_to_users,))

    (question,) = review_questions(model, [open_to_users.key])

    assert question.topic is ReviewTopic.PRIVILEGE_CHAIN
    assert "login_required" in question.question


@pytest.mark.parametrize(
    "endpoint",
    [
        _endpoint("PUT", "/users/{user_id}/role", ("require_admin",)),
        _endpoint("POST", "/members/invite", ("RolesGuard", "JwtAuthGuard")),
        _endpoint("GET", "/users/{user_id}/roles"),
    ],
)
def test_restricted_or_read_only_role_endpoints_ask_nothing(endpoint: Endpoint) -> None:
    assert review_questions(ThreatModel(endpoints=(endpoint,)), [endpoint.key]) == ()


def test_flow_to_a_third_party_not_itself_affected_is_asked_about() -> None:
    stripe = ExternalEntity(name="stripe", kind_of=ExternalKind.SERVICE, host="api.stripe.com")
    users = ExternalEntity(name="browser", kind_of=ExternalKind.USER)
    to_stripe = DataFlow(source="endpoint:POST /orders", target=stripe.key)
    from_users = DataFlow(source=users.key, target="endpoint:POST /orders")
    model = ThreatModel(externals=(stripe, users), flows=(to_stripe, from_users))

    questions = review_questions(model, [to_stripe.key, from_users.key])
    both = review_questions(model, [to_stripe.key, stripe.key])

    assert [q.element for q in questions] == [to_stripe.key]
    assert "to external:stripe" in questions[0].question
    assert [q.element for q in both] == [stripe.key]
    assert "(api.stripe.com)" in both[0].question


def test_unknown_and_removed_keys_are_skipped() -> None:
    assert review_questions(ThreatModel(), ["endpoint:POST /refunds", "external:gone"]) == ()


def test_rendered_checklist_escapes_repository_text_and_caps_its_length() -> None:
    hostile = ReviewQuestion(
        topic=ReviewTopic.BUSINESS_LOGIC,
        element="endpoint:POST /pay/`x`",
        location=Location(path="a|b.py", start_line=3, end_line=3),
        question="POST /pay <img src=x> @octocat moves money\n## heading",
    )
    many = [hostile.model_copy(update={"element": f"endpoint:POST /p{n}"}) for n in range(20)]

    text = render_checklist([hostile, *many])

    assert text.startswith(HEADING + "\n")
    assert "\\<img" in text and "@octocat" not in text and "\n## heading" not in text
    assert "`` endpoint:POST /pay/`x` ``" in text
    assert text.count("\n- [ ] ") == MAX_QUESTIONS
    assert text.endswith(f"- and {21 - MAX_QUESTIONS} more")


def test_summary_has_no_questions_section_when_nothing_is_asked() -> None:
    assert HEADING not in render_delta_markdown(delta_report())


def test_demo_pull_request_summary_asks_about_the_bulk_import(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["demo", "--fixture", str(FIXTURES / "demo-pr")]) == EXIT_OK
    out = capsys.readouterr().out

    section = out.split(HEADING, 1)[1].split("\n## ", 1)[0]
    assert "`endpoint:POST /api/customers/import` · `shop/routes/customers.py:34`" in section
    assert "owner fields taken from the input" in section
    assert section.count("- [ ] ") == 1
    assert out.index("## Data flow diagram") < out.index(HEADING)


def test_questions_survive_when_the_summary_comment_drops_low_threats() -> None:
    question = ReviewQuestion(
        topic=ReviewTopic.BUSINESS_LOGIC,
        element="endpoint:POST /refunds",
        question="POST /refunds moves money.",
    )
    lows = "\n".join(f"- **low** · T · TD-T001 title {n} · `a.py:{n}`" for n in range(400))
    markdown = f"## Introduced threats\n\n{lows}\n\n{render_checklist([question])}"

    text, truncated = fit_summary(markdown, limit=4000)

    assert truncated
    assert "- **low** ·" not in text
    assert f"{HEADING}\n" in text and "- [ ] **business logic** · `endpoint:POST /refunds`" in text


def test_sign_up_taking_a_role_field_is_a_privilege_chain_question() -> None:
    register = _endpoint("POST", "/auth/register").model_copy(
        update={"request_fields": ("email", "password", "is_admin")}
    )
    profile = _endpoint("PATCH", "/users/me").model_copy(
        update={"request_fields": ("blood_group", "display_name")}
    )
    model = ThreatModel(endpoints=(register, profile))

    questions = review_questions(model, [register.key, profile.key])

    assert [(q.topic, q.element) for q in questions] == [
        (ReviewTopic.PRIVILEGE_CHAIN, register.key)
    ]
    assert "accepts is_admin in its request body" in questions[0].question


def test_price_setting_endpoint_is_a_business_logic_question() -> None:
    endpoint = _endpoint("PUT", "/products/{product_id}/price", name="set_price")

    (question,) = review_questions(ThreatModel(endpoints=(endpoint,)), [endpoint.key])

    assert question.topic is ReviewTopic.BUSINESS_LOGIC
    assert "sets a price (price)" in question.question
