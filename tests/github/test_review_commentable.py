"""From a real git change to accepted review comments: the diff pipeline's commentable spans
are the head lines it adds, the anchor of a new handler's threat is its decorator line (or,
with a proven one-edit patch, the line the suggestion changes), and the fake GitHub (which
checks lines against GitHub's own 3-line-context patch) accepts them."""

from __future__ import annotations

import subprocess
from pathlib import Path

from fake_github import FakeGitHub
from review_samples import PR, Sleeps, client

from threatdelta.diff.changes import ChangeSet, FileChange
from threatdelta.diff.delta import commentable_files
from threatdelta.diff.git_objects import ChangeStatus, DiffRange, Revision
from threatdelta.diff.lines import Hunk, LineSpan
from threatdelta.github.review import publish_review
from threatdelta.github.review_anchor import anchor_for
from threatdelta.pipeline import diff

BASE_APP = """from flask import Flask

app = Flask(__name__)


@app.get("/health")
def health():
    return "ok"
"""

NEW_ROUTE = """

@app.post("/users")
def create_user():
    db.execute("insert into users values (1)")
    return "created", 201
"""


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True)
    return done.stdout


def make_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "a@example.invalid")
    git(repo, "config", "user.name", "A")
    git(repo, "config", "commit.gpgsign", "false")
    (repo / "app.py").write_text(BASE_APP)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    git(repo, "checkout", "-q", "-b", "feature")
    (repo / "app.py").write_text(BASE_APP + NEW_ROUTE)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "add a route")
    return repo


def github_patch(repo: Path, path: str) -> str:
    """The file's patch as GitHub's pull-request files API gives it (3 lines of context)."""
    text = git(repo, "diff", "-U3", "main...feature", "--", path)
    return text[text.index("@@") :]


def test_spans_are_each_hunks_head_lines_and_deleted_files_have_none() -> None:
    changes = ChangeSet(
        range=DiffRange(
            base=Revision(ref="main", commit="b" * 40),
            head=Revision(ref="feature", commit="1" * 40),
            merge_base="b" * 40,
        ),
        files=(
            FileChange(
                status=ChangeStatus.MODIFIED,
                old_path="a.py",
                new_path="a.py",
                hunks=(
                    Hunk(old_start=3, old_length=1, new_start=3, new_length=2),
                    Hunk(old_start=9, old_length=2, new_start=9, new_length=0),
                ),
            ),
            FileChange(status=ChangeStatus.DELETED, old_path="gone.py"),
        ),
    )
    [only] = commentable_files(changes)
    assert (only.path, only.spans, only.lines_known) == ("a.py", (LineSpan(start=3, end=4),), True)


def test_a_new_routes_threat_is_posted_on_its_decorator_line(
    tmp_path: Path, fake_github: FakeGitHub
) -> None:
    repo = make_repo(tmp_path)
    report = diff(repo, "main", "feature", cache_dir=tmp_path / "cache")
    [app] = [f for f in report.commentable if f.path == "app.py"]
    assert app.spans == (LineSpan(start=9, end=14),)
    introduced = [t for t in report.introduced if t.element == "endpoint:POST /users"]
    assert introduced
    files = {f.path: f for f in report.commentable}
    anchors = {t.id: anchor_for(t, files) for t in introduced}
    for threat in introduced:
        anchor = anchors[threat.id]
        assert anchor is not None
        if anchor.suggestion is None:
            assert anchor.line == 11  # the decorator line
        else:  # a proven one-edit patch: the comment sits on the line it suggests to change
            assert threat.fix is not None
            [edit] = threat.fix.edits
            assert anchor.line == edit.start

    head = git(repo, "rev-parse", "feature").strip()
    fake_github.add_pull(
        PR, head_sha=head, files=[{"filename": "app.py", "patch": github_patch(repo, "app.py")}]
    )
    result = publish_review(
        client(fake_github),
        fake_github.repo,
        PR,
        head,
        report,
        max_inline=15,
        policy=Sleeps().policy(),
    )
    assert result.spilled == ()
    assert set(result.posted) == {t.id for t in report.introduced}
    lines = {a.line for a in anchors.values() if a is not None}
    assert {c["line"] for c in fake_github.review_comments(PR)} == lines
    assert 11 in lines
