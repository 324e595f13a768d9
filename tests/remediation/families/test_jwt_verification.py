"""Signed JWT verification (TD-S003) and no `none` algorithm (TD-S004) through the case
harness: each case's patch gives its `.fixed` file and removes the threat."""

from __future__ import annotations

from pathlib import Path

import pytest
from harness import CASES, fixed_path, is_case, run_case

from threatdelta.remediation.families.jwt_verification import JwtVerification

CASE_FILES = sorted(
    p for p in (CASES / "jwt-verification").iterdir() if is_case(p) and ".fixed." not in p.name
)


@pytest.mark.parametrize("case", CASE_FILES, ids=lambda p: p.relative_to(CASES).as_posix())
def test_case_is_fixed_exactly_or_not_offered(case: Path) -> None:
    result = run_case(case, (JwtVerification(),))
    if fixed_path(case).exists():
        assert result.fixes and result.patched is not None
    else:
        assert result.fixes == ()
        assert result.threats
