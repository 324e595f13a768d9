"""The summary comment with proven patches: patched threats keep their "fix available"
mark and the apply commands survive when the body is fitted to GitHub's limit."""

from __future__ import annotations

from reporters.delta_samples import delta_report, with_patch

from threatdelta.findings.threat import Applicability, Severity
from threatdelta.github.summary_comment import summary_body
from threatdelta.github.summary_fit import SUMMARY_LIMIT, size
from threatdelta.reporters.delta_markdown import render_delta_markdown


def test_a_summary_full_of_patched_threats_fits_and_keeps_the_apply_commands() -> None:
    base = delta_report()
    low = base.introduced[0].model_copy(update={"title": "x" * 400, "severity": Severity.LOW})
    many = tuple(with_patch(low, Applicability.SAFE, f"th-{n:05d}") for n in range(1, 3000))
    top = with_patch(base.introduced[0], Applicability.SAFE, "th-00000")
    body, truncated = summary_body(
        render_delta_markdown(base.model_copy(update={"introduced": (top, *many)}))
    )
    assert truncated
    assert size(body) <= SUMMARY_LIMIT
    assert "fix available: safe" in body
    assert "`threatdelta fix th-00000 --apply`" in body
    assert "`threatdelta fix --apply --only safe`" in body
    assert "2999 low-severity threats not shown here" in body


def test_a_small_summary_with_a_patch_is_posted_whole() -> None:
    base = delta_report()
    first = with_patch(base.introduced[0], Applicability.UNSAFE)
    markdown = render_delta_markdown(
        base.model_copy(update={"introduced": (first, *base.introduced[1:])})
    )
    body, truncated = summary_body(markdown)
    assert not truncated
    assert "fix available: unsafe, needs review" in body
    assert f"`threatdelta fix {first.id} --apply`" in body
