"""Secure cookies (TD-S006) and explicit CORS origins (TD-I005): each case's patch gives its
`.fixed` file and removes the threat; generated files get no patch."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixed_cases import (
    case_files,
    check_fixed_case,
    fixed_file,
    propose_all,
)

from threatdelta.remediation.families.cors_origins import CorsOrigins
from threatdelta.remediation.families.secure_cookies import SecureCookies, secure_options

COOKIE_CASES = case_files("secure-cookies")
CORS_CASES = case_files("cors-origins")


@pytest.mark.parametrize("case", [c for c in COOKIE_CASES if fixed_file(c)], ids=lambda c: c.name)
def test_cookie_case_patch_gives_fixed_file_and_removes_threat(case: Path, tmp_path: Path) -> None:
    check_fixed_case(case, SecureCookies(), tmp_path)


@pytest.mark.parametrize("case", [c for c in CORS_CASES if fixed_file(c)], ids=lambda c: c.name)
def test_cors_case_patch_gives_fixed_file_and_removes_threat(case: Path, tmp_path: Path) -> None:
    check_fixed_case(case, CorsOrigins(), tmp_path)


@pytest.mark.parametrize(
    ("case", "family"),
    [(c, SecureCookies()) for c in COOKIE_CASES if not fixed_file(c)]
    + [(c, CorsOrigins()) for c in CORS_CASES if not fixed_file(c)],
    ids=lambda v: getattr(v, "name", ""),
)
def test_generated_file_gets_no_patch(case: Path, family: object, tmp_path: Path) -> None:
    assert propose_all(case, family, tmp_path) == [None]  # type: ignore[arg-type]


def test_cookie_options_keep_existing_flags_and_add_missing_ones() -> None:
    assert secure_options("{ httpOnly: false }", "'") == (
        "{ httpOnly: true, secure: true, sameSite: 'lax' }"
    )
