"""`threatdelta diff --llm`: the analyst's patch goes through the proof the diff's rule
patches go through on the head commit (it applies to the head text, parses, and the rules
find nothing new on the elements it can affect), or is dropped with a note. Driven through
`main()` against the fake Messages API, on a git repository built under tmp_path."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from analyst_helpers import KEY
from fake_anthropic import FakeAnthropic, fake_anthropic, replies

from threatdelta.cli.main import main

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "github"))
from ci_repo import PrRepository, build_pr_repository

__all__ = ["fake_anthropic"]
IMPORT = "endpoint:POST /api/customers/import"
CUSTOMERS = "shop/routes/customers.py"
QUOTE = 'Customer(owner_id=row["owner_id"]'
OWNER_LINE = (
    '        db.session.add(Customer(owner_id={owner}, name=row["name"], email=row["email"]))\n'
)
FROM_BODY = OWNER_LINE.format(owner='row["owner_id"]')
HUNK = f"--- a/{CUSTOMERS}\n+++ b/{CUSTOMERS}\n@@ -38,1 +38,1 @@\n-{FROM_BODY}"
OWNER_FROM_SESSION = HUNK + "+" + OWNER_LINE.format(owner="current_user.id")
UNBALANCED = HUNK + "+        db.session.add(Customer(owner_id=current_user.id,\n"
UNGUARDED_CREATE = (
    f"--- a/{CUSTOMERS}\n+++ b/{CUSTOMERS}\n@@ -22,3 +22,2 @@\n"
    ' @customers_bp.route("", methods=["POST"])\n'
    "-@login_required\n"
    ' @limiter.limit("10/minute")\n'
)


@pytest.fixture
def pr(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> PrRepository:
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    return build_pr_repository(tmp_path / "ws")


def _diff_with_patch(
    api: FakeAnthropic, pr: PrRepository, patch: str, *flags: str
) -> dict[str, Any]:
    threat = replies.threat(IMPORT, CUSTOMERS, 38, 38, QUOTE, stride=("T",), patch=patch)
    api.respond_with(replies.by_element({IMPORT: replies.answer([threat])}))
    out = pr.path.parent / "diff.json"
    args = ["diff", str(pr.path), "--base", pr.base_sha, "--head", pr.head_sha, "--llm"]
    code = main([*args, *(flags or ("--no-cache",)), "--format", "json", "-o", str(out)])
    assert code == 0
    doc: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return doc


def _llm_threat(doc: dict[str, Any]) -> dict[str, Any]:
    (threat,) = [t for t in doc["introduced"] if t["source"] == "llm"]
    assert threat["element"] == IMPORT
    return threat


def _dropped(doc: dict[str, Any]) -> list[str]:
    return [n["message"] for n in doc["notifications"] if n["code"] == "llm-patch-dropped"]


@pytest.fixture
def api(fake_anthropic: FakeAnthropic, monkeypatch: pytest.MonkeyPatch) -> FakeAnthropic:
    monkeypatch.setenv("ANTHROPIC_API_KEY", KEY)
    monkeypatch.setenv("ANTHROPIC_BASE_URL", fake_anthropic.url)
    return fake_anthropic


@pytest.mark.parametrize("cached", [False, True])
def test_a_patch_that_applies_and_adds_no_threat_is_kept_as_unsafe(
    api: FakeAnthropic, pr: PrRepository, cached: bool
) -> None:
    flag = f"--cache-dir={pr.path.parent / 'cache'}" if cached else "--no-cache"
    doc = _diff_with_patch(api, pr, OWNER_FROM_SESSION, flag)
    fix = _llm_threat(doc)["fix"]
    assert fix is not None
    assert fix["applicability"] == "unsafe"
    assert fix["family"] == "llm-analyst"
    assert "+        db.session.add(Customer(owner_id=current_user.id" in fix["patch"]
    assert _dropped(doc) == []


def test_a_patch_that_breaks_parsing_is_dropped_with_a_note(
    api: FakeAnthropic, pr: PrRepository
) -> None:
    doc = _diff_with_patch(api, pr, UNBALANCED)
    assert _llm_threat(doc)["fix"] is None
    (note,) = _dropped(doc)
    assert f"{CUSTOMERS}:" in note and IMPORT in note


def test_a_patch_that_introduces_a_rule_threat_is_dropped_with_a_note(
    api: FakeAnthropic, pr: PrRepository
) -> None:
    doc = _diff_with_patch(api, pr, UNGUARDED_CREATE)
    assert _llm_threat(doc)["fix"] is None
    (note,) = _dropped(doc)
    assert "the patch introduces TD-" in note
    assert "endpoint:POST /api/customers" in note
