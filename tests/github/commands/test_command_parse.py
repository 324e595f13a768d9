"""`/threatdelta` commands read out of comment bodies, hostile ones included."""

from __future__ import annotations

import pytest

from threatdelta.github.commands.parse import (
    MAX_COMMANDS,
    MAX_REASON,
    Command,
    Verb,
    parse_comment,
)

ID = "th-0123456789ab"


def test_accept_takes_the_id_and_the_rest_of_the_line_as_the_reason() -> None:
    parsed = parse_comment(f"/threatdelta accept {ID} internal admin tool, VPN only")
    assert parsed.commands == (
        Command(verb=Verb.ACCEPT, threat_id=ID, reason="internal admin tool, VPN only"),
    )
    assert parsed.rejected == ()


def test_dismiss_and_recheck_in_one_comment_keep_their_order() -> None:
    parsed = parse_comment(
        f"Looked at it.\n/threatdelta dismiss {ID} not reachable\n/threatdelta recheck"
    )
    assert [c.verb for c in parsed.commands] == [Verb.DISMISS, Verb.RECHECK]


def test_the_reason_continues_on_the_next_lines_up_to_a_blank_line() -> None:
    body = f"/threatdelta accept {ID} first line\nsecond line\n\nThanks, see you"
    [command] = parse_comment(body).commands
    assert command.reason == "first line\nsecond line"


@pytest.mark.parametrize(
    "body",
    [
        f"please run /threatdelta accept {ID} because",  # not at the start of a line
        f"> /threatdelta accept {ID} quoted from someone else",
        f"```\n/threatdelta accept {ID} in a code block\n```",
        f"~~~~\n/threatdelta accept {ID} in a tilde block\n~~~~",
        f"    /threatdelta accept {ID} an indented code block",
        f"/threatdeltaaccept {ID} glued",
        "",
    ],
)
def test_text_that_only_mentions_a_command_is_not_one(body: str) -> None:
    assert parse_comment(body).empty


def test_a_command_after_a_closed_code_block_counts() -> None:
    body = f"```\n/threatdelta recheck\n```\n/threatdelta dismiss {ID} after the block"
    [command] = parse_comment(body).commands
    assert (command.verb, command.reason) == (Verb.DISMISS, "after the block")


@pytest.mark.parametrize(
    ("body", "why"),
    [
        ("/threatdelta approve th-0123456789ab ok", "unknown command"),
        ("/threatdelta ACCEPT th-0123456789ab ok", "unknown command"),
        ("/threatdelta", "no command"),
        ("/threatdelta accept", "needs a threat id"),
        (f"/threatdelta accept {ID}", "needs a reason"),
        (f"/threatdelta dismiss {ID}   \n", "needs a reason"),
    ],
)
def test_a_malformed_command_is_rejected_with_the_reason(body: str, why: str) -> None:
    parsed = parse_comment(body)
    assert parsed.commands == ()
    [rejected] = parsed.rejected
    assert why in rejected.why
    assert rejected.line.startswith("/threatdelta")


def test_a_reason_over_the_limit_is_rejected_not_cut() -> None:
    parsed = parse_comment(f"/threatdelta accept {ID} " + "x" * (MAX_REASON + 1))
    assert parsed.commands == ()
    assert "longer than" in parsed.rejected[0].why
    assert len(parsed.rejected[0].line) <= 120


def test_more_commands_than_the_limit_are_rejected_beyond_it() -> None:
    parsed = parse_comment("\n".join(["/threatdelta recheck"] * (MAX_COMMANDS + 2)))
    assert len(parsed.commands) == MAX_COMMANDS
    assert len(parsed.rejected) == 2


def test_a_hostile_reason_is_kept_as_data_with_controls_and_bidi_neutralised() -> None:
    reason = (
        "<img src=x onerror=alert(1)> @octo-org/admins `rm -rf` [x](http://evil) \u202eevil\x07"
    )
    [command] = parse_comment(f"/threatdelta accept {ID} {reason}").commands
    assert "<img src=x onerror=alert(1)>" in command.reason  # data, escaped only on output
    assert "@octo-org/admins" in command.reason
    assert "\u202e" not in command.reason and "\ufffd" in command.reason
    assert "\x07" not in command.reason


def test_windows_line_endings_are_read_like_unix_ones() -> None:
    [command] = parse_comment(f"/threatdelta accept {ID} a\r\nb\r\n\r\nbye").commands
    assert command.reason == "a\nb"
