"""Parameterised SQL (TD-T001) through the case harness: each case's patch gives its
`.fixed` file and removes the threat; an identifier hole (`ORDER BY {sort}`, MyBatis
`ORDER BY ${column}`), a client whose placeholder style is unknown (TypeORM) and generated
files get none."""

from __future__ import annotations

from pathlib import Path

import pytest
from harness import CASES, fixed_path, run_case

from threatdelta.remediation.families.sql_parameters import SqlParameters
from threatdelta.remediation.families.sql_template import Hole, parameterise, split_format

CASE_FILES = sorted(p for p in (CASES / "sql-parameters").iterdir() if ".fixed." not in p.name)


@pytest.mark.parametrize("case", CASE_FILES, ids=lambda p: p.relative_to(CASES).as_posix())
def test_case_is_fixed_exactly_or_not_offered(case: Path) -> None:
    result = run_case(case, (SqlParameters(),))
    if fixed_path(case).exists():
        assert result.fixes and result.patched is not None
    else:
        assert result.fixes == ()
        assert result.threats


def test_quoted_hole_takes_the_quotes_and_wildcards_into_its_value() -> None:
    done = parameterise(["name LIKE '%", Hole("q"), "%'"], lambda n: f"${n}")
    assert done is not None
    assert done.sql == "name LIKE $1"
    assert (done.values[0].prefix, done.values[0].suffix) == ("%", "%")


def test_hole_in_identifier_position_cannot_be_bound() -> None:
    assert parameterise(["SELECT * FROM ", Hole("table")], lambda n: "?") is None


def test_printf_template_keeps_escaped_percent_literal() -> None:
    assert split_format("a = %s AND b LIKE 'x%%'", ["v"]) == ["a = ", Hole("v"), " AND b LIKE 'x%'"]
