"""Questions for a human reviewer: the affected elements where automated analysis is weak.

Rules see patterns; they do not know whether a refund can be sent twice, whether an ordinary
user can reach the endpoint that grants roles, or whether a new third party deserves the data
it receives. For each affected element of those kinds this module asks one explicit question,
with the element and `file:line`, so that part gets human attention instead of false
confidence:

- business logic: state-changing endpoints that move money or set prices (payments, refunds,
  transfers, payouts, charges, credits, coupons, rewards, pricing, or payment data in the
  request), that approve or reject something, or that import/export records in bulk;
- privilege chains: state-changing endpoints that change roles, permissions, memberships or
  invitations whose guards name no admin / role / permission check, and state-changing
  endpoints whose request body takes a role, permission or admin field;
- new trust relationships: an affected external entity, a flow to or from an external entity
  that is not itself affected, and endpoints that receive webhooks or callbacks.

Names are read word by word (path segments, handler name, operation id, guard names).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from enum import StrEnum

from threatdelta.model.base import DataClass, Frozen, Location
from threatdelta.model.data_classes import name_words
from threatdelta.model.elements import DataFlow, Endpoint, ExternalEntity, ExternalKind
from threatdelta.model.threat_model import ThreatModel
from threatdelta.reporters.escape import code_span, escape_markdown

MAX_QUESTIONS = 15
HEADING = "## Questions for a human reviewer"


def _vocabulary(words: str) -> frozenset[str]:
    return frozenset(words.split())


_MONEY = _vocabulary(
    "balance balances billing capture captures charge charges checkout coupon coupons "
    "credit credits deposit deposits discount discounts gift giftcard giftcards invoice "
    "invoices loyalty pay payment payments payout payouts pays price prices pricing "
    "purchase purchases refund refunds reward rewards subscription subscriptions transfer "
    "transfers voucher vouchers wallet wallets withdraw withdrawal withdrawals"
)
_APPROVAL = _vocabulary("approval approvals approve approves reject rejects signoff")
_BULK = _vocabulary("batch batches bulk export exports import imports")
_PRIVILEGE = _vocabulary(
    "acl acls admin admins demote grant grants impersonate impersonation invitation "
    "invitations invite invites membership memberships permission permissions privilege "
    "privileges promote role roles scope scopes sudo superuser"
)
# request fields (lower case, no separators) that set a principal's privileges: a sign-up or
# profile update accepting one lets a user choose their own role
_PRIVILEGE_FIELDS = _vocabulary(
    "role roles userrole isadmin admin permission permissions scope scopes groups isstaff "
    "staff issuperuser superuser privilege privileges accesslevel usertype accounttype"
)
_RESTRICTING_GUARD = _vocabulary(
    "admin admins authorise authorize authorized owner owners permission permissions "
    "privilege role roles staff superuser"
)
_WEBHOOK = _vocabulary("callback callbacks hook hooks ipn notify webhook webhooks")


class ReviewTopic(StrEnum):
    BUSINESS_LOGIC = "business logic"
    PRIVILEGE_CHAIN = "privilege chain"
    EXTERNAL_TRUST = "new trust relationship"


class ReviewQuestion(Frozen):
    """One question for a human reviewer about one affected element."""

    topic: ReviewTopic
    element: str
    question: str
    location: Location | None = None


def _words(endpoint: Endpoint) -> set[str]:
    names = [*endpoint.path.split("/"), endpoint.handler_name, endpoint.operation_id]
    return {word for name in names for word in name_words(name)}


def _where(endpoint: Endpoint) -> Location | None:
    if endpoint.handler is not None:
        return endpoint.handler
    return endpoint.evidence[0].location if endpoint.evidence else None


def _business(endpoint: Endpoint, words: set[str]) -> Iterator[ReviewQuestion]:
    name, where = endpoint.name, _where(endpoint)
    payment_data = DataClass.PAYMENT in (*endpoint.request_data, *endpoint.response_data)
    if words & _MONEY or payment_data:
        topic = ", ".join(sorted(words & _MONEY)) or "payment data"
        yield ReviewQuestion(
            topic=ReviewTopic.BUSINESS_LOGIC,
            element=endpoint.key,
            location=where,
            question=f"{name} moves money or sets a price ({topic}). Can it be replayed or "
            "sent twice at once (is it idempotent)? Can the client set the amount, price or "
            "currency? Can a user act on another user's account or payment?",
        )
    if words & _APPROVAL:
        yield ReviewQuestion(
            topic=ReviewTopic.BUSINESS_LOGIC,
            element=endpoint.key,
            location=where,
            question=f"{name} approves or rejects something. Can the requester approve their "
            "own request, can a step of the workflow be skipped or repeated, and is every "
            "decision recorded with who made it?",
        )
    if words & _BULK:
        yield ReviewQuestion(
            topic=ReviewTopic.BUSINESS_LOGIC,
            element=endpoint.key,
            location=where,
            question=f"{name} imports or exports records in bulk. Is the number of records per "
            "call bounded, whose records may it create or read (are owner fields taken from the "
            "input?), and is each record validated as the single-record endpoint does?",
        )


def _privilege(endpoint: Endpoint, words: set[str]) -> Iterator[ReviewQuestion]:
    if not words & _PRIVILEGE:
        return
    guard_words = {w for guard in endpoint.guards for w in name_words(guard)}
    if guard_words & _RESTRICTING_GUARD:
        return
    guards = ", ".join(endpoint.guards) or "none"
    yield ReviewQuestion(
        topic=ReviewTopic.PRIVILEGE_CHAIN,
        element=endpoint.key,
        location=_where(endpoint),
        question=f"{endpoint.name} changes roles, permissions or memberships, and its guards "
        f"({guards}) name no admin, role or permission check. Can an ordinary user reach it, "
        "give themselves or someone else a higher role, or reach it in several steps (sign up, "
        "invite, then grant)?",
    )


def _privilege_fields(endpoint: Endpoint) -> Iterator[ReviewQuestion]:
    fields = [
        f for f in endpoint.request_fields if re.sub(r"[_\-]", "", f.lower()) in _PRIVILEGE_FIELDS
    ]
    if fields:
        yield ReviewQuestion(
            topic=ReviewTopic.PRIVILEGE_CHAIN,
            element=endpoint.key,
            location=_where(endpoint),
            question=f"{endpoint.name} accepts {', '.join(fields)} in its request body. Can a "
            "caller set their own role or permissions this way (sign up as an admin, promote "
            "themselves in a profile update), or is the field ignored or checked server-side?",
        )


def _webhook(endpoint: Endpoint, words: set[str]) -> Iterator[ReviewQuestion]:
    if words & _WEBHOOK:
        yield ReviewQuestion(
            topic=ReviewTopic.EXTERNAL_TRUST,
            element=endpoint.key,
            location=_where(endpoint),
            question=f"{endpoint.name} receives calls from another system (webhook or "
            "callback). How is the sender authenticated (signature, shared secret, allow-list), "
            "are replays rejected, and is the payload validated before it is trusted?",
        )


def _endpoint_questions(endpoint: Endpoint) -> Iterator[ReviewQuestion]:
    words = _words(endpoint)
    yield from _webhook(endpoint, words)
    if endpoint.state_changing:
        yield from _business(endpoint, words)
        yield from _privilege(endpoint, words)
        yield from _privilege_fields(endpoint)


def _third_party(element: object) -> bool:
    """An external service (a third party or another team's system), not the anonymous
    internet or the system's own users."""
    return isinstance(element, ExternalEntity) and element.kind_of is ExternalKind.SERVICE


def _external_question(external: ExternalEntity) -> ReviewQuestion:
    host = f" ({external.host})" if external.host and external.host != external.name else ""
    return ReviewQuestion(
        topic=ReviewTopic.EXTERNAL_TRUST,
        element=external.key,
        location=external.evidence[0].location if external.evidence else None,
        question=f"New or changed trust relationship with {external.name}{host}. What data is "
        "sent to it, is what it returns validated before it is used, and where does its "
        "credential come from?",
    )


def _flow_question(flow: DataFlow, external: str) -> ReviewQuestion:
    data = ", ".join(c.value for c in flow.data_classes) or "no classified data"
    direction = "to" if flow.target == external else "from"
    return ReviewQuestion(
        topic=ReviewTopic.EXTERNAL_TRUST,
        element=flow.key,
        location=flow.evidence[0].location if flow.evidence else None,
        question=f"New or changed data flow {direction} {external} ({flow.protocol}, {data}, "
        f"encrypted: {flow.encrypted.value}). Should this data cross to that party, and is the "
        "other side authenticated?",
    )


def review_questions(model: ThreatModel, affected: Iterable[str]) -> tuple[ReviewQuestion, ...]:
    """Questions for the affected elements (keys) where automated analysis is weak, in the
    order of `affected`; keys not in the model (removed elements) are skipped."""
    keys = tuple(dict.fromkeys(affected))
    questions: list[ReviewQuestion] = []
    for key in keys:
        element = model.element(key)
        if isinstance(element, Endpoint):
            questions += _endpoint_questions(element)
        elif isinstance(element, ExternalEntity) and _third_party(element):
            questions.append(_external_question(element))
        elif isinstance(element, DataFlow):
            ends = [e for e in (element.source, element.target) if e not in keys]
            third = [e for e in ends if _third_party(model.element(e))]
            questions += [_flow_question(element, end) for end in third]
    return tuple(dict.fromkeys(questions))


def _item(question: ReviewQuestion) -> str:
    where = question.location
    at = f" · {code_span(f'{where.path}:{where.start_line}')}" if where else ""
    return (
        f"- [ ] **{question.topic.value}** · {code_span(question.element)}{at}: "
        f"{escape_markdown(question.question)}"
    )


def render_checklist(questions: Sequence[ReviewQuestion]) -> str:
    """The Markdown section (heading included), or "" when there is no question."""
    if not questions:
        return ""
    lines = [
        HEADING,
        "",
        "Automated analysis is weak on these; a reviewer who knows the product should answer:",
        "",
        *map(_item, questions[:MAX_QUESTIONS]),
    ]
    if len(questions) > MAX_QUESTIONS:
        lines.append(f"- and {len(questions) - MAX_QUESTIONS} more")
    return "\n".join(lines)
