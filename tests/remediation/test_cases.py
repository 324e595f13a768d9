"""Every remediation case under tests/remediation/cases/ through the harness: the patch
matches `.fixed` byte for byte and removes the threat without adding one; a case without a
`.fixed` file gets no fix."""

from __future__ import annotations

from pathlib import Path

import pytest
from harness import CASES, all_cases, fixed_path, run_case


@pytest.mark.parametrize("case", all_cases(), ids=lambda p: p.relative_to(CASES).as_posix())
def test_case_is_fixed_exactly_or_not_offered(case: Path) -> None:
    result = run_case(case)
    if fixed_path(case).exists():
        assert result.patched is not None
        assert result.fixes
    else:
        assert result.fixes == ()
