"""Test-only fix families (never in the registry): they exercise the core (proof, run,
delivery) independently of the real families. Each serves TD-I002 (debug mode on) and edits
the `app.run(debug=True)` line the threat points at."""

from __future__ import annotations

from dataclasses import dataclass

from threatdelta.findings.edit import TextEdit
from threatdelta.findings.threat import Applicability
from threatdelta.remediation.base import FixRequest, Patch
from threatdelta.remediation.edits import EditError, conventions


@dataclass(frozen=True)
class ToyFamily:
    """Replaces `debug=True` on the threat's line by `replacement`; `extra` lines are
    inserted after it (to break the syntax or add a threat)."""

    name: str = "toy-debug-off"
    replacement: str = "debug=False"
    extra: tuple[str, ...] = ()
    applicability: Applicability = Applicability.SAFE

    @property
    def rules(self) -> frozenset[str]:
        return frozenset({"TD-I002"})

    def propose(self, request: FixRequest) -> Patch | None:
        where = request.threat.evidence[0].location
        text = request.text(where.path)
        if text is None:
            return None
        try:
            newline = conventions(text).newline
        except EditError:
            newline = "\n"  # the proof refuses such a file; the family need not
        line = text.split(newline)[where.start_line - 1]
        if "debug=True" not in line:
            return None
        edit = TextEdit(
            path=where.path,
            start=where.start_line,
            end=where.start_line,
            lines=(line.replace("debug=True", self.replacement), *self.extra),
        )
        return Patch(
            threat_id=request.threat.id,
            rule_id=request.threat.rule_id,
            family=self.name,
            applicability=self.applicability,
            summary="Turn debug mode off.",
            edits=(edit,),
            guidance="Check no deployment relies on the debugger.",
        )


@dataclass(frozen=True)
class CrashingFamily:
    name: str = "toy-crash"

    @property
    def rules(self) -> frozenset[str]:
        return frozenset({"TD-I002"})

    def propose(self, request: FixRequest) -> Patch | None:
        raise RuntimeError("boom")


DEBUG_OFF = ToyFamily()
BREAKS_SYNTAX = ToyFamily(name="toy-broken", replacement="debug=False,,")
KEEPS_THREAT = ToyFamily(name="toy-cosmetic", replacement="debug=True, use_reloader=False")
ADDS_THREAT = ToyFamily(
    name="toy-adds-secret",
    extra=('    SECRET_KEY = "harbour-clinic-flask-session-FAKEFAKEFAKE"',),
)

APP = (
    "from flask import Flask\n"
    "\n"
    "app = Flask(__name__)\n"
    "\n"
    "\n"
    '@app.route("/items", methods=["GET"])\n'
    "def items():\n"
    '    return {"items": []}\n'
    "\n"
    "\n"
    'if __name__ == "__main__":\n'
    "    app.run(debug=True)\n"
)
