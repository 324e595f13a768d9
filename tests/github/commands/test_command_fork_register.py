"""`/threatdelta recheck` on a pull request whose head register suppresses its own threats:
a maintainer's recheck of a fork's pull request does not apply the fork's decisions (the
same refusal as the `pull_request` run), a same-repository one does."""

from __future__ import annotations

from pathlib import Path

import pytest
from ci_env import PR_NUMBER
from command_story import build_story, run_comment
from fake_github import FakeGitHub

from threatdelta.register.store import REGISTER_PATH

# every endpoint threat, the three the story's pull request introduces among them
SELF_ACCEPTED = (
    "version: 1\ndecisions:\n  - target: 'element:endpoint:*'\n    status: accepted\n"
    "    justification: reviewed by the security team\n    decided_by: Security Lead\n"
)


@pytest.fixture(autouse=True)
def _no_system_git_config(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")


@pytest.mark.parametrize(("fork", "conclusion"), [(True, "failure"), (False, "success")])
def test_a_recheck_applies_the_head_register_only_for_a_same_repository_pull_request(
    tmp_path: Path, fake_github: FakeGitHub, fork: bool, conclusion: str
) -> None:
    pr = build_story(tmp_path, fake_github, {REGISTER_PATH: SELF_ACCEPTED})
    if fork:
        fake_github.set_fork(PR_NUMBER, "contributor/octo-repo")
    comment = fake_github.add_command_comment(PR_NUMBER, "/threatdelta recheck")
    run_comment(tmp_path, pr, fake_github, comment)
    [check] = fake_github.check_runs()
    assert (check["head_sha"], check["conclusion"]) == (pr.head_sha, conclusion)
