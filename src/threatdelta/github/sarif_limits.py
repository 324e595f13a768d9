"""A SARIF log made ready for GitHub code scanning: its category set and GitHub's limits kept.

`prepare_sarif` is what both the SARIF file and the upload go through, so that the file a
user uploads with `github/codeql-action/upload-sarif` and the document we upload are the
same text. It is idempotent: a log that is already prepared comes back byte for byte.

- Category: every run's `automationDetails.id` is `<category>/` (GitHub reads the text
  before the last `/` as the category; one category per tool and configuration, so a later
  upload replaces the earlier analysis of that category instead of adding to it).
- Limits (GitHub's SARIF support): at most 10 tags per rule (GitHub ignores the rest), at
  most 5,000 results per run (the most severe are kept), at most 10 MB gzipped (results
  are dropped from the least severe end until it fits). Each cut is said in a notification;
  nothing here fails.
"""

from __future__ import annotations

import gzip
import json
from typing import Any

from threatdelta.model.base import Frozen, Level, Notification

MAX_TAGS_PER_RULE = 10
MAX_RESULTS_PER_RUN = 5_000
MAX_GZIPPED_BYTES = 10 * 1024 * 1024
_LEVEL_RANK = {"error": 0, "warning": 1, "note": 2, "none": 3}
_SHRINK_MARGIN = 0.9


class PreparedSarif(Frozen):
    text: str
    notifications: tuple[Notification, ...] = ()


class SarifInvalid(ValueError):
    """The text is not a SARIF log (not JSON, or no `runs` list of objects)."""


def gzipped(text: str) -> bytes:
    """The UTF-8 text gzipped, with a zero timestamp so equal text gives equal bytes."""
    return gzip.compress(text.encode("utf-8"), mtime=0)


def _note(code: str, message: str) -> Notification:
    return Notification(level=Level.WARNING, code=code, message=message)


def _runs(text: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    try:
        doc = json.loads(text)
    except ValueError as exc:
        raise SarifInvalid(f"not JSON: {exc}") from None
    runs = doc.get("runs") if isinstance(doc, dict) else None
    if not isinstance(runs, list) or not all(isinstance(r, dict) for r in runs):
        raise SarifInvalid("no `runs` list of objects")
    return doc, runs


def _set_category(run: dict[str, Any], run_id: str) -> bool:
    details = run.get("automationDetails")
    if isinstance(details, dict) and details.get("id") == run_id:
        return False
    run["automationDetails"] = {**(details if isinstance(details, dict) else {}), "id": run_id}
    return True


def _trim_tags(run: dict[str, Any]) -> list[str]:
    """Rule ids whose tags were cut to the limit."""
    tool = run.get("tool")
    driver = tool.get("driver") if isinstance(tool, dict) else None
    rules = driver.get("rules") if isinstance(driver, dict) else None
    if not isinstance(rules, list):
        return []
    trimmed = []
    for rule in rules:
        props = rule.get("properties") if isinstance(rule, dict) else None
        if not isinstance(props, dict):
            continue
        tags = props.get("tags")
        if isinstance(tags, list) and len(tags) > MAX_TAGS_PER_RULE:
            props["tags"] = tags[:MAX_TAGS_PER_RULE]
            trimmed.append(str(rule.get("id")))
    return trimmed


def _level_rank(result: object) -> int:
    level = result.get("level", "warning") if isinstance(result, dict) else "warning"
    return _LEVEL_RANK.get(str(level), 1)


def _keep_most_severe(run: dict[str, Any], keep: int) -> int:
    """Keep the `keep` most severe results (stable within a level); how many were dropped."""
    results = run.get("results")
    if not isinstance(results, list) or len(results) <= keep:
        return 0
    ranked = sorted(range(len(results)), key=lambda i: _level_rank(results[i]))
    kept = sorted(ranked[:keep])
    run["results"] = [results[i] for i in kept]
    return len(results) - keep


def _dumps(doc: dict[str, Any]) -> str:
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _shrink_to_size(doc: dict[str, Any], runs: list[dict[str, Any]]) -> tuple[str, int]:
    """The text under the gzipped limit, and how many results were dropped to get there."""
    text, dropped = _dumps(doc), 0
    size = len(gzipped(text))
    while size > MAX_GZIPPED_BYTES:
        total = sum(len(r.get("results") or []) for r in runs)
        if total == 0:
            break
        keep = int(total * MAX_GZIPPED_BYTES / size * _SHRINK_MARGIN)
        per_run = max(keep // len(runs), 0)
        dropped += sum(_keep_most_severe(run, per_run) for run in runs)
        text = _dumps(doc)
        size = len(gzipped(text))
    return text, dropped


def _limit_notes(tagged: list[str], over_results: int, over_size: int) -> list[Notification]:
    notes = []
    if tagged:
        ids = ", ".join(sorted(set(tagged)))
        message = f"kept the first {MAX_TAGS_PER_RULE} tags of rules {ids} (GitHub's limit)"
        notes.append(_note("sarif-tags-trimmed", message))
    if over_results:
        message = (
            f"dropped the {over_results} least severe results: GitHub takes at most "
            f"{MAX_RESULTS_PER_RUN} per run"
        )
        notes.append(_note("sarif-results-trimmed", message))
    if over_size:
        message = (
            f"dropped the {over_size} least severe results to stay under GitHub's "
            f"{MAX_GZIPPED_BYTES // (1024 * 1024)} MB gzipped limit"
        )
        notes.append(_note("sarif-too-large", message))
    return notes


def normal_category(category: str) -> str:
    """The category without surrounding space or trailing slashes; `threatdelta` if empty."""
    return category.strip().rstrip("/") or "threatdelta"


def prepare_sarif(sarif_text: str, *, category: str) -> PreparedSarif:
    """The log with its category set and within GitHub's limits. Raises `SarifInvalid` for
    text that is not a SARIF log."""
    doc, runs = _runs(sarif_text)
    run_id = normal_category(category) + "/"
    changed = [_set_category(run, run_id) for run in runs]
    tagged = [rule_id for run in runs for rule_id in _trim_tags(run)]
    over = sum(_keep_most_severe(run, MAX_RESULTS_PER_RUN) for run in runs)
    if not any(changed) and not tagged and not over:
        text, over_size = sarif_text, 0
        if len(gzipped(text)) > MAX_GZIPPED_BYTES:
            text, over_size = _shrink_to_size(doc, runs)
    else:
        text, over_size = _shrink_to_size(doc, runs)
    return PreparedSarif(text=text, notifications=tuple(_limit_notes(tagged, over, over_size)))
