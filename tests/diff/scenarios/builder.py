"""Build a pull request in a temporary git repository and run `threatdelta diff` on it.

A scenario is a base tree (path -> content) and a `PullRequest` (files written, deleted and
moved on a `feature` branch). `build_pull_request` commits the base on `main`, the change
on `feature`, and leaves `feature` checked out, as a CI checkout of a pull request would.
`run_diff` drives the real command line and parses its JSON output.
"""

from __future__ import annotations

import contextlib
import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from git_builder import RepoBuilder

from threatdelta.cli.main import main

BASE_BRANCH = "main"
PR_BRANCH = "feature"


@dataclass(frozen=True)
class PullRequest:
    """What the pull request does to the base tree, applied as moves, then deletions,
    then writes (so a moved file can also be edited)."""

    write: Mapping[str, str | bytes] = field(default_factory=dict)
    delete: Sequence[str] = ()
    move: Sequence[tuple[str, str]] = ()


@dataclass(frozen=True)
class BuiltRepo:
    path: Path
    base: str  # commit id of the base (the tip of `main`)
    head: str  # commit id of the pull request's head (the tip of `feature`)
    builder: RepoBuilder


def build_pull_request(
    root: Path, base_files: Mapping[str, str | bytes], pr: PullRequest
) -> BuiltRepo:
    """A repository under `root/repo` with the base on `main` and the PR on `feature`."""
    builder = RepoBuilder(root / "repo")
    for rel, content in base_files.items():
        builder.write(rel, content)
    base = builder.commit("base")
    builder.branch(PR_BRANCH)
    apply_change(builder, pr)
    head = builder.commit("pull request")
    return BuiltRepo(path=builder.path, base=base, head=head, builder=builder)


def apply_change(builder: RepoBuilder, pr: PullRequest) -> None:
    for source, target in pr.move:
        builder.move(source, target)
    for rel in pr.delete:
        builder.remove(rel)
    for rel, content in pr.write.items():
        builder.write(rel, content)


@dataclass(frozen=True)
class CliRun:
    exit_code: int
    stdout: str
    stderr: str
    output: Path  # the -o file (may not exist after a usage error)

    @property
    def doc(self) -> dict[str, Any]:
        """The JSON report the command wrote."""
        parsed: dict[str, Any] = json.loads(self.output.read_text(encoding="utf-8"))
        return parsed


def run_cli(argv: Sequence[str], output: Path) -> CliRun:
    """`threatdelta <argv>` in-process, with stdout and stderr captured."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return CliRun(exit_code=code, stdout=out.getvalue(), stderr=err.getvalue(), output=output)


def run_diff(
    repo: BuiltRepo | Path,
    *extra: str,
    base: str = BASE_BRANCH,
    fmt: str = "json",
    output: Path | None = None,
    cache_dir: Path | None = None,
) -> CliRun:
    """`threatdelta diff --base <base> <repo> --format <fmt> -o <file>` with the cache kept
    beside the repository (never inside it, so it never shows up as an untracked file)."""
    path = repo.path if isinstance(repo, BuiltRepo) else repo
    output = output or path.parent / f"diff.{fmt}"
    cache_dir = cache_dir or path.parent / "cache"
    argv = ["diff", "--base", base, str(path), "--format", fmt, "-o", str(output)]
    return run_cli([*argv, "--cache-dir", str(cache_dir), *extra], output)


# -- reading the JSON report --------------------------------------------------------------


def changes(doc: Mapping[str, Any]) -> dict[str, str]:
    """Affected element key -> its change (added, modified, removed, dependent)."""
    return {a["key"]: a["change"] for a in doc["affected"]}


def affected(doc: Mapping[str, Any], key: str) -> dict[str, Any]:
    found = [a for a in doc["affected"] if a["key"] == key]
    assert len(found) == 1, f"{key} affected {len(found)} times in {changes(doc)}"
    return found[0]


def threat_pairs(threats: Sequence[Mapping[str, Any]]) -> set[tuple[str, str]]:
    """(rule id, element key) of each threat."""
    return {(t["rule_id"], t["element"]) for t in threats}


def changed_file(doc: Mapping[str, Any], path: str) -> dict[str, Any]:
    found = [f for f in doc["changed_files"] if f["path"] == path]
    assert len(found) == 1, f"{path} listed {len(found)} times in {doc['changed_files']}"
    return found[0]


def notifications_for(doc: Mapping[str, Any], path: str) -> list[dict[str, Any]]:
    return [n for n in doc["notifications"] if n.get("path") == path]


def assert_not_relevant(doc: Mapping[str, Any]) -> None:
    """Nothing modelled changed: no affected element, no threat in the delta."""
    assert doc["relevant"] is False
    assert doc["affected"] == []
    assert doc["introduced"] == [] and doc["resolved"] == [] and doc["persisting"] == []


def line_of(text: str, needle: str) -> int:
    """The 1-based number of the only line of `text` containing `needle`."""
    lines = [n for n, line in enumerate(text.splitlines(), start=1) if needle in line]
    assert len(lines) == 1, f"{needle!r} is on lines {lines}"
    return lines[0]
