"""Generated documentation stays true to the code: regenerate with the commands named here."""

from __future__ import annotations

from pathlib import Path

import pytest

from threatdelta.cli.main import main

DOCS = Path(__file__).resolve().parent.parent / "docs"


@pytest.mark.parametrize(
    ("argv", "doc"),
    [
        (["rules", "--format", "markdown"], "rules.md"),
        (["schema"], "register.schema.json"),
    ],
)
def test_generated_doc_matches_the_code(
    argv: list[str], doc: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 0
    generated = capsys.readouterr().out
    on_disk = (DOCS / doc).read_text(encoding="utf-8")
    assert on_disk == generated, (
        f"docs/{doc} is stale: run `threatdelta {' '.join(argv)} > docs/{doc}`"
    )
