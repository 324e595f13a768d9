"""Generic error responses (TD-I001) and debug mode off (TD-I002) through the case harness:
each case's patch gives its `.fixed` file and removes the threat; a Java handler without a
logger and generated files get none."""

from __future__ import annotations

from pathlib import Path

import pytest
from harness import CASES, fixed_path, run_case

from threatdelta.remediation.families.debug_off import DebugOff
from threatdelta.remediation.families.error_details import ErrorDetails

FAMILIES = (ErrorDetails(), DebugOff())
CASE_FILES = sorted(
    p
    for name in ("error-details", "debug-off")
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
