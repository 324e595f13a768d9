"""One command comment through `threatdelta ci` and the fake GitHub: who may run commands,
what is refused (and that nothing is committed then), the fallbacks when the branch cannot
be written, and how hostile text comes back in our reply."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from ci_env import PR_NUMBER
from ci_repo import PrRepository
from command_story import BRANCH, build_story, run_comment
from fake_github import FakeGitHub, git_contents

from threatdelta.github.commands.reply import REPLY_MARKER
from threatdelta.pipeline import diff
from threatdelta.register.schema import TriageStatus
from threatdelta.register.store import REGISTER_PATH, parse_register

HOSTILE = (
    "<img src=x onerror=alert(1)> @octo-org/security [click](https://evil.example) "
    "```js\n}{ ``` <!-- --> | table | # heading"
)


@pytest.fixture(autouse=True)
def _no_system_git_config(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")


@pytest.fixture
def story(tmp_path: Path, fake_github: FakeGitHub) -> PrRepository:
    return build_story(tmp_path, fake_github)


def _first_id(pr: PrRepository) -> str:
    return diff(pr.path, pr.base_sha, pr.head_sha, fixes=False).introduced[0].id


def _replies(fake: FakeGitHub) -> list[str]:
    return [c["body"] for c in fake.issue_comments(PR_NUMBER) if REPLY_MARKER in c["body"]]


def _nothing_written(fake: FakeGitHub) -> None:
    assert fake.file_commits() == []
    assert fake.requests_to("PUT") == []
    assert fake.check_runs() == []


@pytest.mark.parametrize("association", ["CONTRIBUTOR", "NONE", "FIRST_TIME_CONTRIBUTOR", None])
def test_an_author_outside_the_allowed_associations_is_refused(
    tmp_path: Path, story: PrRepository, fake_github: FakeGitHub, association: str | None
) -> None:
    comment = fake_github.add_command_comment(
        PR_NUMBER, f"/threatdelta accept {_first_id(story)} trust me", association=association
    )
    code, _ = run_comment(tmp_path, story, fake_github, comment)
    assert code == 0
    assert fake_github.reactions(comment["id"]) == ["confused"]
    [reply] = _replies(fake_github)
    assert "Nothing was changed" in reply
    assert (f"`{association}`" if association else "not given") in reply
    _nothing_written(fake_github)


def test_the_allowed_associations_are_configurable(
    tmp_path: Path, story: PrRepository, fake_github: FakeGitHub
) -> None:
    comment = fake_github.add_command_comment(
        PR_NUMBER, "/threatdelta recheck", login="member", association="MEMBER"
    )
    run_comment(tmp_path, story, fake_github, comment, **{"command-associations": "OWNER"})
    assert fake_github.reactions(comment["id"]) == ["confused"]
    assert "`OWNER`" in _replies(fake_github)[0]


@pytest.mark.parametrize(
    ("login", "user_type"), [("github-actions[bot]", "Bot"), ("helper[bot]", "User")]
)
def test_a_comment_by_a_bot_is_ignored_without_a_trace(
    tmp_path: Path, story: PrRepository, fake_github: FakeGitHub, login: str, user_type: str
) -> None:
    comment = fake_github.add_command_comment(
        PR_NUMBER, "/threatdelta recheck", login=login, association="MEMBER", user_type=user_type
    )
    code, log = run_comment(tmp_path, story, fake_github, comment)
    assert code == 0 and "written by the bot" in log
    assert fake_github.writes == []


def test_an_edited_comment_never_runs_or_changes_a_decision(
    tmp_path: Path, story: PrRepository, fake_github: FakeGitHub
) -> None:
    comment = fake_github.add_command_comment(
        PR_NUMBER, f"/threatdelta accept {_first_id(story)} edited in later", association="OWNER"
    )
    code, log = run_comment(tmp_path, story, fake_github, comment, action="edited")
    assert code == 0 and "'edited' is ignored" in log
    assert fake_github.writes == []


def test_an_unknown_id_is_answered_and_nothing_is_committed(
    tmp_path: Path, story: PrRepository, fake_github: FakeGitHub
) -> None:
    known = _first_id(story)
    body = f"/threatdelta accept {known} fine\n\n/threatdelta dismiss th-ffffffffffff <b>gone</b>"
    comment = fake_github.add_command_comment(PR_NUMBER, body)
    run_comment(tmp_path, story, fake_github, comment)
    assert fake_github.reactions(comment["id"]) == ["eyes", "confused"]
    [reply] = _replies(fake_github)
    assert "No such threat: `th-ffffffffffff`" in reply and "nothing was committed" in reply
    _nothing_written(fake_github)


def test_a_malformed_line_stops_the_whole_comment_and_is_quoted_escaped(
    tmp_path: Path, story: PrRepository, fake_github: FakeGitHub
) -> None:
    body = f"/threatdelta accept {_first_id(story)} ok\n\n/threatdelta approve `x` <script>@admins"
    comment = fake_github.add_command_comment(PR_NUMBER, body)
    run_comment(tmp_path, story, fake_github, comment)
    assert fake_github.reactions(comment["id"]) == ["confused"]
    [reply] = _replies(fake_github)
    assert "unknown command" in reply and "Nothing of this comment was run" in reply
    assert "``/threatdelta approve `x` <script>@admins``" in reply  # inside a code span
    _nothing_written(fake_github)


def test_a_hostile_reason_is_stored_as_data_and_escaped_in_the_reply(
    tmp_path: Path, story: PrRepository, fake_github: FakeGitHub
) -> None:
    threat_id = _first_id(story)
    comment = fake_github.add_command_comment(
        PR_NUMBER, f"/threatdelta accept {threat_id} {HOSTILE}", login="carol"
    )
    run_comment(tmp_path, story, fake_github, comment)
    assert fake_github.reactions(comment["id"]) == ["eyes", "+1"]
    text = fake_github.file(BRANCH, REGISTER_PATH) or ""
    register, notes = parse_register(text, REGISTER_PATH)
    assert notes == ()
    [saved] = register.decisions
    assert saved.justification == HOSTILE
    [reply] = _replies(fake_github)
    shown = reply.replace(REPLY_MARKER, "")
    assert "\\<img" in shown and re.search(r"(?<!\\)<", shown) is None  # no raw HTML
    assert "@octo-org" not in shown  # the mention is broken, nobody is notified
    assert "](https://evil" not in shown and "\\`\\`\\`js" in shown


def test_a_fork_gets_the_yaml_to_commit_and_nothing_is_pushed(
    tmp_path: Path, story: PrRepository, fake_github: FakeGitHub
) -> None:
    threat_id = _first_id(story)
    fake_github.set_fork(PR_NUMBER, "contributor/octo-repo")
    comment = fake_github.add_command_comment(PR_NUMBER, f"/threatdelta dismiss {threat_id} n/a")
    code, _ = run_comment(tmp_path, story, fake_github, comment)
    assert code == 0
    assert fake_github.reactions(comment["id"]) == ["eyes"]  # a maintainer must commit
    _nothing_written(fake_github)
    [reply] = _replies(fake_github)
    assert "in a fork" in reply and "```yaml" in reply
    yaml_block = reply.split("```yaml\n", 1)[1].split("\n```", 1)[0]
    register, _ = parse_register(yaml_block, REGISTER_PATH)
    assert register.decisions[0].target == threat_id
    assert register.decisions[0].status is TriageStatus.FALSE_POSITIVE
    assert fake_github.reviews(PR_NUMBER) == []  # the register is not in the diff: no suggestion


def test_a_refused_push_falls_back_to_a_suggestion_on_the_register_in_the_diff(
    tmp_path: Path, fake_github: FakeGitHub
) -> None:
    existing = "# decisions of this service\nversion: 1\ndecisions: []\n"
    pr = build_story(tmp_path, fake_github, {REGISTER_PATH: existing})
    fake_github.refuse_contents_writes()
    threat_id = _first_id(pr)
    comment = fake_github.add_command_comment(PR_NUMBER, f"/threatdelta accept {threat_id} ok")
    run_comment(tmp_path, pr, fake_github, comment)
    [put] = fake_github.requests_to("PUT")
    assert put.status == 403
    [reply] = _replies(fake_github)
    assert "could not be committed" in reply and "403" in reply
    assert "suggested on the register file" in reply
    [suggestion] = fake_github.review_comments(PR_NUMBER)
    assert suggestion["path"] == REGISTER_PATH
    assert suggestion["line"] == 3 and suggestion["start_line"] == 1
    suggested = suggestion["body"].split("```suggestion\n", 1)[1].split("\n```", 1)[0]
    assert suggested.startswith("# decisions of this service\n")
    assert threat_id in suggested


def test_recheck_recomputes_and_reports_the_gate_on_the_head(
    tmp_path: Path, story: PrRepository, fake_github: FakeGitHub
) -> None:
    comment = fake_github.add_command_comment(PR_NUMBER, "/threatdelta recheck")
    run_comment(tmp_path, story, fake_github, comment)
    assert fake_github.reactions(comment["id"]) == ["eyes", "+1"]
    [check] = fake_github.check_runs()
    assert (check["head_sha"], check["conclusion"]) == (story.head_sha, "failure")
    [reply] = _replies(fake_github)
    assert "Rechecked" in reply and "**FAIL**" in reply
    assert fake_github.file_commits() == []


def test_a_register_file_that_does_not_parse_is_left_alone_and_the_reply_says_why(
    tmp_path: Path, fake_github: FakeGitHub
) -> None:
    pr = build_story(tmp_path, fake_github, {REGISTER_PATH: "decisions: [<b>unclosed\n"})
    comment = fake_github.add_command_comment(PR_NUMBER, f"/threatdelta accept {_first_id(pr)} ok")
    code, _ = run_comment(tmp_path, pr, fake_github, comment)
    assert code == 0
    assert fake_github.reactions(comment["id"]) == ["eyes", "confused"]
    _nothing_written(fake_github)
    [reply] = _replies(fake_github)
    assert "Not recorded: the register file cannot be edited" in reply
    assert re.search(r"(?<!\\)<", reply.replace(REPLY_MARKER, "")) is None


def test_a_branch_that_moved_during_the_command_gets_the_decision_but_no_guessed_gate(
    tmp_path: Path, story: PrRepository, fake_github: FakeGitHub
) -> None:
    threat_id = _first_id(story)
    pushed, _ = git_contents.commit(str(story.path), BRANCH, "docs/notes.md", "later\n", "Push")
    comment = fake_github.add_command_comment(PR_NUMBER, f"/threatdelta accept {threat_id} ok")
    run_comment(tmp_path, story, fake_github, comment)
    [commit] = fake_github.file_commits()
    assert commit["parents"][0]["sha"] == pushed
    assert fake_github.check_runs() == []
    [reply] = _replies(fake_github)
    assert "moved from" in reply and "/threatdelta recheck" in reply
    assert fake_github.reactions(comment["id"]) == ["eyes", "+1"]
