"""The fallback when the decision cannot be committed (a fork's branch, a refused write):
a review comment on the register file whose `suggestion` replaces the whole file with the
decided text, so a maintainer (or the author of a fork's pull request) commits it with one
click. GitHub takes a suggestion only on lines its diff shows, so this is made only when the
pull request's diff shows every line of the register file at its head (the pull request
added or rewrote it); otherwise the reply's YAML block is the only way, and says so.
"""

from __future__ import annotations

import re
from functools import partial

from github.GithubException import GithubException
from github.PullRequest import PullRequest, ReviewComment
from github.Repository import Repository

from threatdelta.github.retry import RetryPolicy, with_retries
from threatdelta.register.store import REGISTER_PATH
from threatdelta.reporters.escape import fenced_code

MAX_SUGGESTION_CHARS = 60_000
_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@")


def shown_head_lines(patch: str) -> frozenset[int]:
    """The head-side line numbers a unified diff shows (added and context lines)."""
    shown: set[int] = set()
    line = 0
    for text in patch.splitlines():
        hunk = _HUNK.match(text)
        if hunk:
            line = int(hunk[1])
        elif line and text.startswith((" ", "+")):
            shown.add(line)
            line += 1
    return frozenset(shown)


def _covers_file(pull: PullRequest, head_lines: int, policy: RetryPolicy) -> bool:
    files = with_retries(lambda: list(pull.get_files()), policy=policy)
    found = next((f for f in files if f.filename == REGISTER_PATH), None)
    if found is None or not found.patch or head_lines < 1:
        return False
    return set(range(1, head_lines + 1)) <= shown_head_lines(found.patch)


def _comment(head_lines: int, body: str) -> ReviewComment:
    comment = ReviewComment(path=REGISTER_PATH, body=body, line=head_lines, side="RIGHT")
    if head_lines > 1:
        comment["start_line"] = 1
        comment["start_side"] = "RIGHT"
    return comment


def suggest_register(
    repo: Repository,
    pull: PullRequest,
    head_sha: str,
    old_text: str,
    new_text: str,
    *,
    policy: RetryPolicy | None = None,
) -> bool:
    """Post the suggestion on `pull` at its head commit `head_sha` when its diff allows;
    whether it was posted. A refusal is not an error here: the reply carries the YAML anyway."""
    policy = policy or RetryPolicy()
    head_lines = len(old_text.splitlines())
    if len(new_text) > MAX_SUGGESTION_CHARS:
        return False
    body = (
        "**threatdelta**: the decision from the command above, as a change to the register "
        f"file.\n\n{fenced_code(new_text, 'suggestion')}"
    )
    once = policy.model_copy(update={"retry_server_errors": False})
    try:
        if not _covers_file(pull, head_lines, policy):
            return False
        head = with_retries(partial(repo.get_commit, head_sha), policy=policy)
        with_retries(
            partial(
                pull.create_review,
                commit=head,
                event="COMMENT",
                comments=[_comment(head_lines, body)],
            ),
            policy=once,
        )
    except (GithubException, OSError):
        return False
    return True
