"""Fix family: audit logging on state-changing and authentication handlers (TD-R001,
TD-R002). One log call goes at the start of the handler body with the logger the module
already has; a Python module without one gets `logging.getLogger(__name__)`, a NestJS or
Spring controller the framework's logger, other JavaScript a structured `console.info` line
(Node's built-in logger, nothing invented); a JavaScript module that imports a logging
library under another name gets no patch."""

from __future__ import annotations

from threatdelta.findings.edit import TextEdit
from threatdelta.findings.threat import Applicability
from threatdelta.remediation.base import FixRequest, Patch
from threatdelta.remediation.families.audit_braces import jvm_edits, script_edits
from threatdelta.remediation.families.audit_python import audit_edits
from threatdelta.remediation.families.go_handlers import go_audit
from threatdelta.remediation.families.handler_source import HandlerSource, handler_source

_SCRIPT = (".js", ".jsx", ".mjs", ".cjs", ".ts", ".tsx", ".mts", ".cts")
_JVM = (".java", ".kt", ".kts")


class AuditLogging:
    """Adds one audit log call to a handler that changes state or authenticates users."""

    name = "audit-logging"
    rules = frozenset({"TD-R001", "TD-R002"})

    def propose(self, request: FixRequest) -> Patch | None:
        if request.threat.rule_id not in self.rules:
            return None
        source = handler_source(request)
        edits = _edits(source, principal=request.threat.rule_id == "TD-R001") if source else None
        if source is None or not edits:
            return None
        endpoint = source.endpoint
        return Patch(
            threat_id=request.threat.id,
            rule_id=request.threat.rule_id,
            family=self.name,
            applicability=Applicability.SAFE,
            summary=f"Log an audit line at the start of the handler of {endpoint.name}.",
            edits=edits,
            guidance=_guidance(edits),
        )


def _edits(source: HandlerSource, *, principal: bool) -> tuple[TextEdit, ...] | None:
    if source.path.endswith(".py"):
        return audit_edits(source, principal=principal)
    if source.path.endswith(_SCRIPT):
        return script_edits(source)
    if source.path.endswith(_JVM):
        return jvm_edits(source)
    if source.path.endswith(".go"):
        return go_audit(source)
    return None


def _guidance(edits: tuple[TextEdit, ...]) -> str:
    advice = (
        "Add the object id and the outcome to the audit line, and send audit lines to a "
        "store the application cannot rewrite."
    )
    if any("console.info(JSON.stringify(" in line for e in edits for line in e.lines):
        return (
            "The module has no logger, so the line uses Node's built-in `console` (not a new "
            "logger): make sure the process's standard output is collected with a timestamp. "
            + advice
        )
    return advice
