"""LLM answers cached on disk by (prompt version, model, context digest)."""

from __future__ import annotations

from pathlib import Path

from threatdelta.cache.store import CacheStore
from threatdelta.llm.answer import LlmAnswer, validate_answer
from threatdelta.llm.cache import AnswerCache

ANSWER_TEXT = (
    '{"threats": [{"element": "e", "stride": ["S"], "title": "t", "attack_vector": "a", '
    '"impact": "i", "cwe": 287, "severity_suggestion": "low", "evidence": [{"path": "a.py", '
    '"start_line": 1, "end_line": 1, "quote": "q"}]}]}'
)


def _answer() -> LlmAnswer:
    answer, _ = validate_answer("e", ANSWER_TEXT)
    assert answer is not None
    return answer


def test_answer_round_trips_under_the_same_key(tmp_path: Path) -> None:
    store = CacheStore(tmp_path / "cache")
    AnswerCache(store, "p1", "model-a").put("digest-1", _answer())
    again = AnswerCache(CacheStore(tmp_path / "cache"), "p1", "model-a")
    assert again.get("digest-1") == _answer()


def test_other_prompt_version_model_or_digest_misses(tmp_path: Path) -> None:
    store = CacheStore(tmp_path / "cache")
    AnswerCache(store, "p1", "model-a").put("digest-1", _answer())
    assert AnswerCache(store, "p2", "model-a").get("digest-1") is None
    assert AnswerCache(store, "p1", "model-b").get("digest-1") is None
    assert AnswerCache(store, "p1", "model-a").get("digest-2") is None


def test_corrupt_entry_is_a_miss(tmp_path: Path) -> None:
    store = CacheStore(tmp_path / "cache")
    AnswerCache(store, "p1", "m").put("d", _answer())
    for entry in (tmp_path / "cache").rglob("*"):
        if entry.is_file() and len(entry.name) == 62:
            entry.write_bytes(entry.read_bytes()[:-5])
    assert AnswerCache(CacheStore(tmp_path / "cache"), "p1", "m").get("d") is None


def test_no_store_caches_nothing() -> None:
    cache = AnswerCache(None, "p1", "m")
    cache.put("d", _answer())
    assert cache.get("d") is None
