"""Shared set-up of the analyst tests: the fixture repositories, their rule reports and the
analyst run against the fake API (no mock of our own pipeline)."""

from __future__ import annotations

from pathlib import Path

from fake_anthropic import FakeAnthropic
from pydantic import SecretStr

from threatdelta.cache.store import CacheStore
from threatdelta.llm.analyst import analyse_with_llm
from threatdelta.llm.documents import read_documents
from threatdelta.llm.settings import LlmSettings
from threatdelta.pipeline import scan, scan_with_inputs
from threatdelta.report import ScanReport
from threatdelta.reporters.sarif_fingerprints import read_sources

FIXTURES = Path(__file__).resolve().parent / "fixtures"
REFUNDS = FIXTURES / "refunds"
INJECTED = FIXTURES / "injected"
APPROVE = "endpoint:POST /refunds/{refund_id}/approve"
KEY = "sk-ant-test-0123456789abcdef"
# secrets of the refunds fixture that redaction must keep out of every request
SECRETS = (
    "9f8e7d6c5b4a39281706f5e4d3c2b1a0",
    "Xq7-hunter2-Secret",
)


def settings_for(fake: FakeAnthropic, **changes: object) -> LlmSettings:
    base = LlmSettings(
        enabled=True, api_key=SecretStr(KEY), base_url=fake.url, max_retries=2, timeout_s=10
    )
    return base.model_copy(update=changes)


def rules_report(root: Path) -> ScanReport:
    return scan(root, fixes=False)


def files_of(root: Path, report: ScanReport) -> dict[str, str]:
    paths = {e.location.path for el in report.model.elements() for e in el.evidence}
    return {**read_documents(root), **read_sources(root, paths)}


def run_analyst(
    fake: FakeAnthropic,
    cache: Path | None,
    root: Path = REFUNDS,
    patches: bool = False,
    **changes: object,
) -> ScanReport:
    report = rules_report(root)
    store = CacheStore(cache) if cache is not None else None
    return analyse_with_llm(
        report,
        files_of(root, report),
        settings_for(fake, **changes),
        store=store,
        inputs=(lambda: scan_with_inputs(root)[1]) if patches else None,
    )
