"""SQL text built from request input.

What it flags:
    A SQL statement assembled by string formatting or concatenation (f-string, `%`,
    `.format`, `+`, a JavaScript template literal) and passed to a driver or ORM raw-SQL call
    (`cursor.execute`, `session.execute(text(...))`, `Model.objects.raw`, `db.query`,
    `sequelize.query`, `prisma.$queryRawUnsafe`) when request data reaches it or may.

Why it matters:
    The attacker's value becomes SQL syntax. A quote in a query parameter turns a lookup into
    `' OR '1'='1`, a `UNION SELECT` over the password table, a stacked `DROP TABLE`, or,
    with some databases, file writes and command execution on the database host.

Evidence used:
    `sql-raw` facts from handlers (on the endpoint) and module-level code (on the service),
    with `from_input`: yes when a request value (query, form, JSON body, path parameter,
    header) flows into the formatted string inside the function; unknown when a function
    argument or another variable of unseen origin does.

Does not fire when:
    The SQL is parameterised (placeholders with a separate argument tuple, bound
    `text(...)` parameters, tagged `sql` templates, `$queryRaw` with a template tag); the
    formatted parts are literals or constants (a table name from a fixed list).

Known false positives:
    Values validated or cast before formatting (`int(id)`, a regex or an allow-list) are not
    recognised as safe; a helper function whose arguments are always constants is reported
    with medium confidence.

Remediation:
    Pass values as query parameters (`cursor.execute("... WHERE id = %s", (user_id,))`,
    `db.query('... WHERE id = $1', [id])`) or use the ORM's query builder; for identifiers
    such as column names, map the input through an allow-list.

References:
    CWE-89 Improper Neutralization of Special Elements used in an SQL Command; CAPEC-66 SQL
    Injection; OWASP Top 10 A03:2021 Injection.
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind, Tri
from threatdelta.model.facts import FactKind
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.predicates import describe, evidence_of, facts_in_model, from_input
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-T001",
    name="sql-built-from-input",
    title="SQL statement built from request input",
    stride=(Stride.TAMPERING, Stride.INFORMATION_DISCLOSURE, Stride.ELEVATION_OF_PRIVILEGE),
    cwe=(89,),
    capec=(66,),
    cvss_vector="CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
    confidence=Confidence.HIGH,
    applies_to=(ElementKind.ENDPOINT, ElementKind.SERVICE),
    fix=FixAvailability.SAFE,
)


def check(model: ThreatModel) -> Iterator[Match]:
    for element, fact in facts_in_model(model, FactKind.SQL_RAW):
        if fact.from_input is Tri.NO:
            continue
        origin = "request input" if from_input(fact) else "values of unconfirmed origin"
        yield Match(
            element=element.key,
            evidence=evidence_of(element, fact),
            message=f"{fact.name} in {describe(element)} runs SQL text formatted from "
            f"{origin} instead of bound parameters.",
            attack_vector="The client puts SQL syntax (quotes, UNION SELECT, stacked "
            "statements) into a parameter that is pasted into the statement.",
            impact="Reading, changing or deleting any data the database account can reach, "
            "and bypassing authentication checks done in SQL.",
            qualifier=fact.name,
            confidence=SPEC.confidence if from_input(fact) else SPEC.confidence.lowered(),
            fix=Fix(
                summary=f"Pass the values to {fact.name} as bound parameters instead of "
                "formatting them into the SQL text."
            ),
        )
