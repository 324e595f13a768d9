"""The project's own authentication guard (TD-S001, TD-S002) and ownership checks (TD-E001)
through the case harness: each case's patch gives its `.fixed` file and removes the threat;
a service without a guard and a record without a known owner field get none."""

from __future__ import annotations

from pathlib import Path

import pytest
from harness import CASES, fixed_path, is_case, run_case

from threatdelta.model.base import Tri
from threatdelta.model.elements import Endpoint
from threatdelta.model.threat_model import ThreatModel
from threatdelta.remediation.edits import conventions
from threatdelta.remediation.families.auth_guard import AuthGuard, guard_name
from threatdelta.remediation.families.auth_guard_python import decorator_edits
from threatdelta.remediation.families.object_ownership import ObjectOwnership
from threatdelta.remediation.families.source_file import SourceFile

FAMILIES = (AuthGuard(), ObjectOwnership())
CASE_FILES = sorted(
    p
    for name in ("auth-guard", "object-ownership")
    for p in (CASES / name).iterdir()
    if is_case(p) and ".fixed." not in p.name
)


@pytest.mark.parametrize("case", CASE_FILES, ids=lambda p: p.relative_to(CASES).as_posix())
def test_case_is_fixed_exactly_or_not_offered(case: Path) -> None:
    result = run_case(case, FAMILIES)
    if fixed_path(case).exists():
        assert result.fixes and result.patched is not None
    else:
        assert result.fixes == ()
        assert result.threats


def _endpoint(method: str, guards: tuple[str, ...], auth: Tri) -> Endpoint:
    return Endpoint(
        method=method, path=f"/{method}", service="api", guards=guards, authentication=auth
    )


def test_guard_is_the_authentication_guard_state_changing_routes_use_most() -> None:
    target = _endpoint("DELETE", (), Tri.NO)
    model = ThreatModel(
        endpoints=(
            target,
            _endpoint("GET", ("cors", "session_auth"), Tri.YES),
            _endpoint("POST", ("cors", "token_required", "rate_limit"), Tri.YES),
            _endpoint("PUT", ("require_role", "token_required"), Tri.YES),
        )
    )
    assert guard_name(model, target) == "token_required"


def test_no_guard_when_no_other_endpoint_is_authenticated() -> None:
    target = _endpoint("POST", (), Tri.NO)
    model = ThreatModel(endpoints=(target, _endpoint("GET", ("cors",), Tri.NO)))
    assert guard_name(model, target) is None


def test_view_that_already_has_the_guard_gets_no_decorator() -> None:
    text = '@bp.post("/x")\n@login_required\ndef create():\n    return ""\n'
    source = SourceFile(
        path="v.py", text=text, lines=tuple(text.split("\n")), style=conventions(text)
    )
    assert decorator_edits(source, 1, "login_required", {"v.py": text}) == ()
    assert decorator_edits(source, 1, "token_required", {"v.py": text}) == ()  # not importable
