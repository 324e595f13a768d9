"""Bad input: patches keep the file's conventions (CRLF, no trailing newline, tabs) or are
not offered (mixed newlines, a declared non-UTF-8 encoding, very long lines)."""

from __future__ import annotations

from pathlib import Path

from toy_families import APP, DEBUG_OFF

from threatdelta.pipeline import scan_with_inputs
from threatdelta.remediation.run import Remediation, remediate


def _remediate(tmp_path: Path, text: str) -> Remediation:
    (tmp_path / "app.py").write_bytes(text.encode("utf-8"))
    report, inputs = scan_with_inputs(tmp_path)
    assert [t.rule_id for t in report.threats] == ["TD-I002"]
    return remediate(report, inputs, (DEBUG_OFF,))


def _refused(done: Remediation) -> str:
    assert done.fixes == ()
    (note,) = done.notifications
    assert note.code == "fix-not-proven"
    return note.message


def test_crlf_file_is_patched_with_crlf(tmp_path: Path) -> None:
    done = _remediate(tmp_path, APP.replace("\n", "\r\n"))
    (fix,) = done.fixes
    assert fix.patched["app.py"] == APP.replace("debug=True", "debug=False").replace("\n", "\r\n")
    patch = fix.threat.fix.patch if fix.threat.fix else None
    assert patch is not None
    assert "+    app.run(debug=False)\r\n" in patch
    assert patch.startswith("--- a/app.py\r\n+++ b/app.py\r\n")


def test_file_without_trailing_newline_keeps_it(tmp_path: Path) -> None:
    done = _remediate(tmp_path, APP.rstrip("\n"))
    (fix,) = done.fixes
    assert fix.patched["app.py"].endswith("app.run(debug=False)")
    patch = fix.threat.fix.patch if fix.threat.fix else ""
    assert patch is not None
    assert patch.endswith("+    app.run(debug=False)\n\\ No newline at end of file\n")


def test_tab_indented_file_keeps_its_tabs(tmp_path: Path) -> None:
    done = _remediate(tmp_path, APP.replace("    app.run", "\tapp.run"))
    (fix,) = done.fixes
    assert "\n\tapp.run(debug=False)\n" in fix.patched["app.py"]


def test_mixed_line_endings_get_no_patch(tmp_path: Path) -> None:
    text = APP.replace("app = Flask(__name__)\n", "app = Flask(__name__)\r\n")
    assert "mixes line endings" in _refused(_remediate(tmp_path, text))


def test_declared_latin1_encoding_gets_no_patch(tmp_path: Path) -> None:
    message = _refused(_remediate(tmp_path, "# -*- coding: latin-1 -*-\n" + APP))
    assert "latin-1" in message


def test_very_long_line_gets_no_patch(tmp_path: Path) -> None:
    text = APP + "\nBANNER = '" + "x" * 10_001 + "'\n"
    assert "longer than 10000" in _refused(_remediate(tmp_path, text))
