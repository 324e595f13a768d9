"""Proven patches in the pull-request summary: each patched threat is marked with its
applicability, the commands that print and apply the patches follow the introduced threats
(capped)."""

from __future__ import annotations

from delta_samples import delta_report, with_patch

from threatdelta.findings.threat import Applicability, Fix
from threatdelta.reporters.delta_markdown import MAX_PATCH_COMMANDS, render_delta_markdown


def _items(markdown: str) -> list[str]:
    return [line for line in markdown.split("\n") if line.startswith("- **")]


def test_patched_threats_are_marked_safe_or_needing_review() -> None:
    base = delta_report()
    first, second, *rest = base.introduced
    introduced = (
        with_patch(first, Applicability.SAFE),
        with_patch(second, Applicability.UNSAFE),
        *rest,
    )
    markdown = render_delta_markdown(base.model_copy(update={"introduced": introduced}))
    items = _items(markdown.split("## Introduced threats", 1)[1].split("\n## ", 1)[0])
    assert items[0].endswith("fix: Require a login · fix available: safe")
    assert items[1].endswith("fix available: unsafe, needs review")
    assert all("fix available" not in item for item in items[2:])
    patches = markdown.split("### Patches\n\n", 1)[1].split("\n## ", 1)[0]
    assert f"- `threatdelta fix {first.id} --apply` · " in patches
    assert f"`threatdelta fix {second.id} --apply`" in patches
    assert "`threatdelta fix --apply --only safe`" in patches
    assert patches.startswith("2 introduced threats have a proven patch.")


def test_without_a_proven_patch_there_is_no_patches_section() -> None:
    base = delta_report()
    display_only = tuple(
        t.model_copy(update={"fix": Fix(summary="s", patch="p")}) for t in base.introduced
    )
    markdown = render_delta_markdown(base.model_copy(update={"introduced": display_only}))
    assert "### Patches" not in markdown
    assert "fix available" not in markdown


def test_the_patch_commands_are_capped() -> None:
    base = delta_report()
    template = base.introduced[0].model_copy(update={"title": "x" * 400})
    many = tuple(with_patch(template, Applicability.SAFE, f"th-{n:05d}") for n in range(3000))
    markdown = render_delta_markdown(base.model_copy(update={"introduced": many}))
    commands = [line for line in markdown.split("\n") if line.startswith("- `threatdelta fix")]
    assert len(commands) == MAX_PATCH_COMMANDS
    assert f"- and {3000 - MAX_PATCH_COMMANDS} more" in markdown
