"""Secure cookies (TD-S006) and explicit CORS origins (TD-I005) through the case harness:
each case's patch gives its `.fixed` file and removes the threat; generated files get none."""

from __future__ import annotations

from pathlib import Path

import pytest
from harness import CASES, fixed_path, run_case

from threatdelta.remediation.families.cors_origins import CorsOrigins
from threatdelta.remediation.families.secure_cookies import SecureCookies, secure_options

FAMILIES = (SecureCookies(), CorsOrigins())
CASE_FILES = sorted(
    p
    for name in ("secure-cookies", "cors-origins")
    for p in (CASES / name).iterdir()
    if ".fixed." not in p.name
)


@pytest.mark.parametrize("case", CASE_FILES, ids=lambda p: p.relative_to(CASES).as_posix())
def test_case_is_fixed_exactly_or_not_offered(case: Path) -> None:
    result = run_case(case, FAMILIES)
    if fixed_path(case).exists():
        assert result.fixes and result.patched is not None
    else:
        assert result.fixes == ()
        assert result.threats


def test_cookie_options_keep_existing_flags_and_add_missing_ones() -> None:
    assert secure_options("{ httpOnly: false }", "'") == (
        "{ httpOnly: true, secure: true, sameSite: 'lax' }"
    )


def test_cookie_options_already_secure_stay_as_they_are() -> None:
    options = "{ secure: true, httpOnly: true, sameSite: 'strict' }"
    assert secure_options(options, "'") == options
