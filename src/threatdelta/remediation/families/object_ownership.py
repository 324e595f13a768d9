"""Ownership check after an object is loaded by a client-supplied id (TD-E001).

Right after the lookup (`patient = Patient.query.get_or_404(patient_id)`, `const order =
await Order.findByPk(req.params.id)`) the object's owner is compared with the authenticated
principal and the request is refused with 403. The owner field comes from the model's store
fields (`owner_id`, `user_id`, or a `<thing>_id` the users store also has, compared with the
principal's own `<thing>_id`) or, in JavaScript, from an owner-scoped query the module
already writes (`userId: req.user!.id`, or a NestJS statement scoped by `user_id = $n`,
where the raw SQL lookup gains the same condition, or a Spring handler's owner comparison,
copied to the handler that lacks it); the principal is the one the module already uses
(Flask-Login `current_user`, the FastAPI current-user dependency, Django `request.user`,
Express `req.user`). No owner field or no principal: no patch.
Unsafe: records shared by design (staff views, shared catalogues) become unreachable.
"""

from __future__ import annotations

import re

from threatdelta.findings.edit import TextEdit
from threatdelta.findings.threat import Applicability
from threatdelta.model.elements import Endpoint
from threatdelta.model.facts import FactKind
from threatdelta.model.threat_model import ThreatModel
from threatdelta.remediation.base import FixRequest, Patch
from threatdelta.remediation.edits import indentation
from threatdelta.remediation.families.ownership_java import check_edits as java_check_edits
from threatdelta.remediation.families.ownership_python import check_edits
from threatdelta.remediation.families.ownership_sql import scoped_query_edits
from threatdelta.remediation.families.source_file import SourceFile, editable_file

_ASSIGNED = re.compile(
    r"^\s*(?:const |let |var )?(?P<var>\w+)\s*=\s*(?:await\s+)?(?P<model>[A-Z]\w*)\."
)
_LOADED = re.compile(
    r"^\s*(?P<var>\w+)\s*=\s*(?:await\s+)?[\w.]*?\b(?:get|get_object_or_404|query)\(\s*(?P<model>[A-Z]\w*)\b"
)
_DIRECT_OWNERS = ("owner_id", "user_id", "created_by_id", "author_id", "account_id")
_JS_OWNER = re.compile(
    r"\b(?P<field>(?:user|owner|customer|author|account)Id)\s*:\s*(?P<principal>req\.user[!?]?\.id)\b"
)
_JS_EXTENSIONS = (".js", ".ts", ".mjs", ".cjs")


class ObjectOwnership:
    name = "object-ownership"
    rules = frozenset({"TD-E001"})

    def propose(self, request: FixRequest) -> Patch | None:
        endpoint = request.model.element(request.threat.element)
        edits = ownership_edits(request, endpoint) if isinstance(endpoint, Endpoint) else ()
        if not edits:
            return None
        return Patch(
            threat_id=request.threat.id,
            rule_id=request.threat.rule_id,
            family=self.name,
            applicability=Applicability.UNSAFE,
            summary="Refuse with 403 unless the loaded record belongs to the caller.",
            edits=edits,
            guidance="Check that no role (staff, support, admin) is meant to reach other "
            "users' records through this endpoint.",
        )


def ownership_edits(request: FixRequest, endpoint: Endpoint) -> tuple[TextEdit, ...]:
    """The ownership check after the endpoint's first lookup by a client-supplied id."""
    lookups = [f for f in endpoint.facts if f.kind is FactKind.OBJECT_LOOKUP_BY_ID]
    if not lookups:
        return ()
    where = lookups[0].location
    source = editable_file(request, where.path)
    if source is None:
        return ()
    line = where.end_line
    assigned = _ASSIGNED.match(source.line(line)) or _LOADED.match(source.line(line))
    if assigned is None:
        if where.path.endswith(".java"):
            return java_check_edits(source, line)
        return scoped_query_edits(source, line) if where.path.endswith(_JS_EXTENSIONS) else ()
    if where.path.endswith(".py"):
        owner = owner_field(request.model, assigned.group("model"))
        if owner is None:
            return ()
        return check_edits(source, line, assigned.group("var"), owner, request.files)
    lines = _express_check(source, assigned, line) if where.path.endswith(_JS_EXTENSIONS) else ()
    return (TextEdit(path=where.path, start=line + 1, end=line, lines=lines),) if lines else ()


def owner_field(model: ThreatModel, class_name: str) -> tuple[str, str] | None:
    """(owner field of the class's store, principal attribute to compare it with)."""
    snake = re.sub(r"(?<!^)([A-Z])", r"_\1", class_name).lower()
    names = {snake, f"{snake}s", f"{snake}es"}
    store = next((s for s in model.datastores if s.name.lower() in names), None)
    users = next((s for s in model.datastores if s.name.lower() in {"users", "user"}), None)
    if store is None:
        return None
    for field in _DIRECT_OWNERS:
        if field in store.fields:
            return field, "id"
    shared = [f for f in store.fields if f.endswith("_id") and users and f in users.fields]
    return (shared[0], shared[0]) if shared else None


def _express_check(source: SourceFile, assigned: re.Match[str], line: int) -> tuple[str, ...]:
    owner = _JS_OWNER.search(source.text)
    if owner is None:
        return ()
    indent, unit, q = indentation(source.line(line)), source.style.indent_unit, source.quote
    var = assigned.group("var")
    return (
        f"{indent}if ({var} && {var}.{owner.group('field')} !== {owner.group('principal')}) {{",
        f"{indent}{unit}res.status(403).json({{ error: {q}forbidden{q} }});",
        f"{indent}{unit}return;",
        f"{indent}}}",
    )
