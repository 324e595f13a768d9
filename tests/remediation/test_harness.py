"""The case harness itself, with a test-only family: a matching `.fixed` file passes, a
mismatching one fails, and a fix offered on a case without `.fixed` fails."""

from __future__ import annotations

from pathlib import Path

import pytest
from harness import all_cases, fixed_path, run_case
from toy_families import APP, DEBUG_OFF

CASE = APP.replace("app.run(debug=True)", "app.run(debug=True)  # ruleid: TD-I002")


def _case(folder: Path, fixed: str | None) -> Path:
    case = folder / "debug_on.py"
    case.write_text(CASE, encoding="utf-8")
    if fixed is not None:
        fixed_path(case).write_text(fixed, encoding="utf-8")
    return case


def test_fixed_file_name_keeps_the_extension() -> None:
    assert fixed_path(Path("a/login.py")).name == "login.fixed.py"
    assert fixed_path(Path("a/api.dockerfile")).name == "api.fixed.dockerfile"


def test_matching_fixed_file_passes(tmp_path: Path) -> None:
    case = _case(tmp_path, CASE.replace("debug=True", "debug=False"))
    result = run_case(case, (DEBUG_OFF,))
    assert result.patched == CASE.replace("debug=True", "debug=False")
    assert [t.rule_id for t in result.threats] == ["TD-I002"]


def test_mismatching_fixed_file_fails(tmp_path: Path) -> None:
    case = _case(tmp_path, CASE.replace("debug=True", "debug=None"))
    with pytest.raises(AssertionError, match=r"differs from debug_on\.fixed\.py"):
        run_case(case, (DEBUG_OFF,))


def test_fix_offered_where_none_is_expected_fails(tmp_path: Path) -> None:
    case = _case(tmp_path, None)
    with pytest.raises(AssertionError, match="a fix was offered"):
        run_case(case, (DEBUG_OFF,))
    assert run_case(case, ()).fixes == ()


def test_every_case_listed_is_an_input_not_a_fixed_file() -> None:
    assert all(".fixed." not in p.name for p in all_cases())
