"""Serializer exposes every model field, sensitive ones included.

What it flags:
    A Django REST Framework `ModelSerializer` with `fields = "__all__"` whose model's table
    holds sensitive data (credentials, tokens, personal, health or payment data, secrets),
    as far as the model's columns are known.

Why it matters:
    `__all__` publishes every column of the model, now and in the future: a password hash,
    an internal note, an insurance number or a column a later migration adds are returned
    by every endpoint that uses the serializer, and are writable through it unless marked
    read-only. Nobody decided that these fields belong to the API; the serializer decided
    for them.

Evidence used:
    The all-fields-serialized fact (the `fields = "__all__"` line) and the data store the
    model maps to (`datastore:sql:<app>_<model>`), with the data classes of its columns.

Does not fire when:
    The serializer lists its fields explicitly; the model's columns hold no sensitive data
    class; the model's table is not among the data stores (a model from another package or
    with a `db_table` the serializer cannot see: unknown is not reported).

Known false positives:
    A serializer used only by an admin-only endpoint, or one whose sensitive fields are
    overridden as write-only further down, still matches.

Remediation:
    List the fields the API should expose (`fields = ["id", "full_name"]`), mark
    server-managed ones `read_only_fields`, and use a separate serializer for privileged
    views.

References:
    CWE-213 Exposure of Sensitive Information Due to Incompatible Policies; CWE-200 Exposure
    of Sensitive Information to an Unauthorized Actor; CAPEC-37 Retrieve Embedded Sensitive
    Data; OWASP API3:2023 Broken Object Property Level Authorization.
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind
from threatdelta.model.facts import FactKind
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.predicates import describe, evidence_of, facts_in_model
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-I020",
    name="serializer-exposes-all-fields",
    title="Serializer exposes every model field, sensitive ones included",
    stride=(Stride.INFORMATION_DISCLOSURE,),
    cwe=(213, 200),
    capec=(37,),
    owasp=("API3:2023",),
    cvss_vector="CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N",
    confidence=Confidence.MEDIUM,
    applies_to=(ElementKind.SERVICE,),
    fix=FixAvailability.DISPLAY_ONLY,
)


def check(model: ThreatModel) -> Iterator[Match]:
    stores = {store.key: store for store in model.datastores}
    for element, fact in facts_in_model(model, FactKind.ALL_FIELDS_SERIALIZED):
        store = stores.get(fact.name)
        if store is None or not store.data_classes:
            continue
        classes = ", ".join(c.value for c in store.data_classes)
        yield Match(
            element=element.key,
            evidence=(*evidence_of(element, fact), *store.evidence),
            qualifier=fact.name,
            message=f'{describe(element)}: {fact.detail} (`fields = "__all__"` at '
            f"{fact.location}); the table {store.name} holds {classes} data.",
            attack_vector="Any caller of an endpoint using the serializer reads every "
            "column of the record, including ones the API was never meant to return.",
            impact=f"Disclosure of {classes} data, and of any column added later.",
            fix=Fix(summary='List the exposed fields explicitly instead of "__all__".'),
        )
