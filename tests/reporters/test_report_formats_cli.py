"""`threatdelta scan --format sarif|markdown` end to end: the command line computes GitHub's
line hashes from the scanned files before rendering SARIF."""

from __future__ import annotations

import json
from pathlib import Path

from report_samples import write_scan_project

from threatdelta.cli.main import EXIT_OK, main
from threatdelta.reporters.sarif_line_hash import line_hashes


def test_scan_sarif_carries_line_hashes_of_the_scanned_files(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    write_scan_project(repo)
    out = tmp_path / "scan.sarif"
    assert main(["scan", str(repo), "--format", "sarif", "-o", str(out)]) == EXIT_OK
    run = json.loads(out.read_text(encoding="utf-8"))["runs"][0]
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert any(n["descriptor"]["id"] == "parse-error" for n in notes)
    for result in run["results"]:
        location = result["locations"][0]["physicalLocation"]
        text = (repo / location["artifactLocation"]["uri"]).read_text(encoding="utf-8")
        expected = line_hashes(text)[location["region"]["startLine"] - 1]
        assert result["partialFingerprints"]["primaryLocationLineHash"] == expected


def test_scan_markdown_writes_the_summary(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    write_scan_project(repo)
    out = tmp_path / "scan.md"
    assert main(["scan", str(repo), "--format", "markdown", "-o", str(out)]) == EXIT_OK
    markdown = out.read_text(encoding="utf-8")
    assert markdown.startswith("# threatdelta threat model\n")
    assert "**Verdict:** " in markdown
    assert "## Notifications" in markdown
