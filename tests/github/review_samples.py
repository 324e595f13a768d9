"""Hand-made threats and delta reports for the review and summary tests, a pull request on
the fake server whose diff matches them, and a client for it."""

from __future__ import annotations

from dataclasses import dataclass, field

import github
from fake_github import FakeGitHub

from threatdelta.diff.delta import CommentableFile, DeltaReport
from threatdelta.diff.lines import LineSpan
from threatdelta.findings.threat import Confidence, Fix, Severity, Stride, Threat
from threatdelta.github.client import make_github, transport_retry
from threatdelta.github.retry import RetryPolicy
from threatdelta.model.base import Evidence, EvidenceRole, Location
from threatdelta.model.threat_model import ThreatModel
from threatdelta.report import ScanReport

API = "app/api.py"
HEAD = "1" * 40
NEXT_HEAD = "2" * 40
PR = 42
# app/api.py gains lines 5-20 (one hunk), app/models.py lines 30-31; docs change elsewhere.
SPANS = {API: (LineSpan(start=5, end=20),), "app/models.py": (LineSpan(start=30, end=31),)}


def patch_adding(start: int, end: int) -> str:
    count = end - start + 1
    return f"@@ -{start - 1},0 +{start},{count} @@\n" + "".join(
        f"+line {n}\n" for n in range(start, end + 1)
    )


def pr_files() -> list[dict[str, str]]:
    files = [
        {"filename": path, "patch": "".join(patch_adding(s.start, s.end) for s in spans)}
        for path, spans in SPANS.items()
    ]
    return [*files, {"filename": "README.md", "patch": patch_adding(1, 2)}]


def commentable() -> tuple[CommentableFile, ...]:
    files = [CommentableFile(path=p, spans=s) for p, s in SPANS.items()]
    return (*files, CommentableFile(path="README.md", spans=(LineSpan(start=1, end=2),)))


def threat(
    tid: str,
    *,
    severity: Severity = Severity.HIGH,
    path: str = API,
    start: int = 8,
    end: int = 13,
    title: str = "Unauthenticated state change",
    fix: Fix | None = None,
    extra: tuple[Evidence, ...] = (),
) -> Threat:
    where = Location(path=path, start_line=start, end_line=end)
    return Threat(
        id=tid,
        rule_id="TD-S001",
        stride=(Stride.SPOOFING, Stride.ELEVATION_OF_PRIVILEGE),
        title=title,
        message=f"POST /users changes state without authentication ({tid})",
        attack_vector="An anonymous caller sends the request directly",
        impact="creates users without being signed in",
        cwe=(306,),
        cvss_vector="CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N",
        score=7.5,
        severity=severity,
        confidence=Confidence.HIGH,
        element="endpoint:POST /users",
        evidence=(Evidence(location=where, role=EvidenceRole.PRIMARY), *extra),
        fix=fix,
    )


def report(
    *introduced: Threat,
    complete: bool = True,
    persisting: tuple[Threat, ...] = (),
    register: tuple[Threat, ...] | None = None,
    head: str = HEAD,
) -> DeltaReport:
    head_register = None
    if register is not None:
        head_register = ScanReport(model=ThreatModel(), threats=(*register,))
    return DeltaReport(
        base="main",
        head="feature",
        base_commit="b" * 40,
        head_commit=head,
        merge_base="b" * 40,
        relevant=True,
        complete=complete,
        introduced=introduced,
        persisting=persisting,
        commentable=commentable(),
        head_register=head_register,
    )


def open_pull(fake: FakeGitHub, head: str = HEAD) -> None:
    fake.add_pull(PR, head_sha=head, files=pr_files())


def client(fake: FakeGitHub) -> github.Github:
    """Our client, with PyGithub's pacing off and no backoff between transport retries."""
    return make_github(
        "t0k3n",
        fake.url,
        retry=transport_retry(backoff_factor=0),
        seconds_between_requests=0,
        seconds_between_writes=0,
    )


@dataclass
class Sleeps:
    seconds: list[float] = field(default_factory=list)

    def policy(self) -> RetryPolicy:
        return RetryPolicy(sleep=self.seconds.append, clock=lambda: 1_700_000_000.0)
