"""Register content is written by people in the repository: hostile or broken content is a
notification, never a crash, and never markup in what we render."""

from __future__ import annotations

import re
from pathlib import Path

from register_samples import CREATE, scanned, threat_id, write_register

from threatdelta.model.base import Level
from threatdelta.register.store import MAX_REGISTER_BYTES, REGISTER_PATH, parse_register
from threatdelta.reporters.markdown import render_markdown
from threatdelta.reporters.terminal import render_terminal

HOSTILE = "<img src=x onerror=alert(1)> **bold** [link](https://evil.example) @octocat #12"


def test_markdown_and_html_in_a_justification_are_escaped_in_the_summary(tmp_path: Path) -> None:
    sqli = threat_id(scanned(tmp_path), "TD-T001", CREATE)
    write_register(
        tmp_path,
        f"decisions:\n  - target: {sqli}\n    status: accepted\n"
        f"    justification: '{HOSTILE}'\n    decided_by: '<b>@mallory</b>'\n",
    )
    text = render_markdown(scanned(tmp_path))
    section = text[text.index("## Suppressed threats") :]
    raw_html = re.sub(r"</?(details|summary)>", "", section)
    assert re.search(r"(?<!\\)<", raw_html) is None  # every other < is escaped
    assert "\\<img src=x onerror=alert(1)\\>" in section
    assert "\\*\\*bold\\*\\*" in section and "\\[link\\]" in section
    assert "@octocat" not in section and "@\u200doctocat" in section
    assert "#\u200d12" in section
    assert section.count("<details>") == 1 and section.count("</details>") == 1


def test_a_multiline_justification_cannot_break_out_of_its_list_item(tmp_path: Path) -> None:
    sqli = threat_id(scanned(tmp_path), "TD-T001", CREATE)
    write_register(
        tmp_path,
        f"decisions:\n  - target: {sqli}\n    status: accepted\n"
        "    justification: |\n      fine\n      </details>\n      # Heading\n",
    )
    section = render_markdown(scanned(tmp_path)).split("## Suppressed threats")[1]
    assert section.count("</details>") == 1
    assert "\n# Heading" not in section


def test_control_characters_do_not_reach_the_terminal(tmp_path: Path) -> None:
    sqli = threat_id(scanned(tmp_path), "TD-T001", CREATE)
    write_register(
        tmp_path,
        f"decisions:\n  - target: {sqli}\n    status: accepted\n"
        '    justification: "ok\\e[31m\\u202eevil"\n',
    )
    text = render_terminal(scanned(tmp_path))
    assert "\x1b" not in text and "\u202e" not in text


def test_wrong_types_are_reported_per_entry_with_lines() -> None:
    text = (
        "version: 1\n"
        "decisions:\n"
        "  - target: [th-0123456789ab]\n"  # line 3: a list, not text
        "    status: accepted\n"
        "    justification: x\n"
        "  - 42\n"  # line 6: not a mapping
        "  - target: rule:TD-S001\n"  # line 7: unknown status
        "    status: ignored\n"
        "    justification: x\n"
        "  - target: rule:TD-S001\n"  # line 10: unknown key
        "    status: accepted\n"
        "    justification: x\n"
        "    because: reasons\n"
        "  - target: rule:TD-D004\n"
        "    status: accepted\n"
        "    justification: fine\n"
        "    expires: next tuesday\n"
        "custom_threats: {element: x}\n"
        "extra: 1\n"
    )
    register, notes = parse_register(text, REGISTER_PATH)
    assert register.decisions == ()
    messages = [n.message for n in notes]
    for line in (3, 6, 7, 10, 14):
        assert any(m.startswith(f"line {line}: decisions[") for m in messages), (line, messages)
    assert any("custom_threats must be a list" in m for m in messages)
    assert any("unknown key 'extra'" in m for m in messages)
    assert all(n.path == REGISTER_PATH for n in notes)


def test_a_huge_register_is_refused_with_a_notification() -> None:
    text = "decisions:\n" + "  # padding\n" * (MAX_REGISTER_BYTES // 10)
    register, notes = parse_register(text, REGISTER_PATH)
    assert register.decisions == ()
    assert notes[0].code == "file-too-large" and notes[0].level is Level.ERROR


def test_an_alias_bomb_and_deep_nesting_are_notifications() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(8)
    )
    register, notes = parse_register(bomb, REGISTER_PATH)
    assert register.decisions == () and notes
    deep = "decisions: " + "[" * 5000 + "]" * 5000 + "\n"
    register, notes = parse_register(deep, REGISTER_PATH)
    assert register.decisions == () and notes[0].level is Level.ERROR


def test_a_python_tag_is_never_constructed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = (
        "decisions:\n"
        f"  - !!python/object/apply:os.system ['touch {marker}']\n"
        "  - target: rule:TD-S001\n    status: accepted\n    justification: ok\n"
    )
    register, notes = parse_register(text, REGISTER_PATH)
    assert not marker.exists()
    assert [d.target for d in register.decisions] == ["rule:TD-S001"]
    assert notes


def test_a_register_that_is_not_utf8_is_a_notification_and_the_scan_goes_on(
    tmp_path: Path,
) -> None:
    path = write_register(tmp_path, "")
    path.write_bytes(b"decisions:\n  - target: \xff\xfe\n")
    report = scanned(tmp_path)
    assert report.threats
    assert any(n.path == REGISTER_PATH and "UTF-8" in n.message for n in report.notifications)
