"""`threatdelta triage list|show|accept|dismiss|mitigate|reopen`: read and edit the register
file `.threatdelta/register.yaml` of a repository (comments and order kept).

`accept`, `dismiss` (false positive) and `mitigate` need `--reason`; `reopen` records an
`open` decision. A threat id must be one of the current threats (exit 2 otherwise); a
wildcard (`rule:TD-S001`, `element:endpoint:GET /health`, `element:endpoint:GET /admin/*`)
is recorded even when it matches nothing today, with a warning. Who decided is `--by`, or
the repository's `git config user.name`.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from threatdelta.errors import UsageError
from threatdelta.github.base_config import rule_policies_in
from threatdelta.pipeline import scan
from threatdelta.register.apply import Triaged
from threatdelta.register.decide import check_target, new_decision
from threatdelta.register.schema import REGISTER_PATH, TriageStatus
from threatdelta.register.store import read_register_text, record_decision
from threatdelta.report import ScanReport
from threatdelta.reporters.escape import one_line
from threatdelta.reporters.triage_text import triage_line

EXIT_OK = 0
DECISIONS = {
    "accept": TriageStatus.ACCEPTED,
    "dismiss": TriageStatus.FALSE_POSITIVE,
    "mitigate": TriageStatus.MITIGATED,
    "reopen": TriageStatus.OPEN,
}


def add_triage_parser(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser("triage", help="list threats with their status, or record a decision")
    actions = p.add_subparsers(dest="triage_action", required=True, parser_class=type(p))
    for name in ("list", "show"):
        q = actions.add_parser(name, help=f"{name} the threats with their triage status")
        if name == "show":
            q.add_argument("id", help="a threat id (th-...)")
        q.add_argument("--path", default=".", help="repository folder (default .)")
    for name, status in DECISIONS.items():
        q = actions.add_parser(name, help=f"record a decision: {status.value}")
        q.add_argument("id", help="threat id, rule:<rule id>, element:<key> or element:<prefix>*")
        q.add_argument("--reason", default="", help="the justification (required but for reopen)")
        q.add_argument("--expires", type=_date, help="YYYY-MM-DD: the decision lapses that day")
        q.add_argument("--owner", default="")
        q.add_argument("--ticket", default="")
        q.add_argument("--by", default="", help="who decides (default: git config user.name)")
        q.add_argument("--path", default=".", help="repository folder (default .)")


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a YYYY-MM-DD date: {text!r}") from None


def _report(root: Path) -> ScanReport:
    if not root.is_dir():
        raise UsageError(f"not a folder: {root}")
    return scan(root, fixes=False, policies=rule_policies_in(root))


def _git_user(root: Path) -> str:
    try:
        from git import Repo  # noqa: PLC0415 (GitPython needs git)
        from git.exc import GitError  # noqa: PLC0415

        with Repo(root, search_parent_directories=True) as repo:
            return str(repo.config_reader().get_value("user", "name", ""))
    except (GitError, ImportError, OSError, ValueError):
        return ""


def _line(entry: Triaged) -> str:
    t = entry.threat
    loc = t.evidence[0].location
    return one_line(
        f"{entry.status.value:<14} {t.id}  {t.severity.value:<8} {t.rule_id:<8} "
        f"{t.title} · {t.element} · {loc.path}:{loc.start_line}"
    )


def _entries(report: ScanReport) -> list[Triaged]:
    by_id = {e.threat.id: e for e in report.triage.entries}
    return [by_id.get(t.id) or Triaged(threat=t) for t in report.threats]


def _list(args: argparse.Namespace) -> int:
    report = _report(Path(args.path))
    for entry in _entries(report):
        sys.stdout.write(_line(entry) + "\n")
    for orphan in report.triage.orphans:
        sys.stdout.write(one_line(f"orphan: {orphan.target} matches no current threat") + "\n")
    return EXIT_OK


def _show(args: argparse.Namespace) -> int:
    report = _report(Path(args.path))
    entry = next((e for e in _entries(report) if e.threat.id == args.id), None)
    if entry is None:
        raise UsageError(f"unknown threat id {args.id!r}: `threatdelta triage list` shows the ids")
    t = entry.threat
    lines = [
        _line(entry),
        f"message: {t.message}",
        f"attack vector: {t.attack_vector}",
        f"impact: {t.impact}",
        f"evidence: {', '.join(str(e.location) for e in t.evidence)}",
    ]
    if entry.decision is not None or entry.reopened:
        lines.append(f"decision: {triage_line(entry)}")
    sys.stdout.write("\n".join(one_line(x) for x in lines) + "\n")
    return EXIT_OK


def _record(args: argparse.Namespace) -> int:
    root = Path(args.path)
    report = _report(root)
    try:
        check = check_target(args.id.strip(), report.threats)
        decision = new_decision(
            args.id.strip(),
            DECISIONS[args.triage_action],
            args.reason,
            decided_by=args.by or _git_user(root),
            owner=args.owner,
            ticket=args.ticket,
            expires=args.expires,
            model=report.model,
            threats=report.threats,
        )
    except ValidationError as exc:
        reason = "; ".join(str(e["msg"]).removeprefix("Value error, ") for e in exc.errors())
        raise UsageError(reason) from None
    if check.error:
        raise UsageError(check.error)
    text = read_register_text(root)
    if text is not None and not isinstance(text, str):
        raise UsageError(f"{REGISTER_PATH}: {text.message}")
    path = root / REGISTER_PATH
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.parent.resolve().is_relative_to(root.resolve()):
        raise UsageError(f"{REGISTER_PATH}: its folder links out of the repository")
    path.write_text(record_decision(text, decision), encoding="utf-8")
    if check.warning:
        sys.stderr.write(f"threatdelta: warning: {one_line(check.warning)}\n")
    sys.stdout.write(
        one_line(f"recorded {decision.status.value} for {decision.target} in {REGISTER_PATH}")
        + "\n"
    )
    return EXIT_OK


def run_triage(args: argparse.Namespace) -> int:
    if args.triage_action == "list":
        return _list(args)
    if args.triage_action == "show":
        return _show(args)
    return _record(args)
