"""LLM answers cached on disk by (prompt version, model, element context digest).

An element whose context (facts, code, neighbours, rule threats, README excerpt) did not
change since the last run is answered from the cache and sends nothing. Only complete,
validated answers are stored: an incomplete analysis (max_tokens, refusal, timeout, API
error) is retried on the next run. The entries live in the repository's cache folder
(`.threatdelta/cache`, namespace `llm-answers`), with the store's checks: a corrupt or
foreign entry is a miss.
"""

from __future__ import annotations

from threatdelta.cache.entry import CacheNamespace
from threatdelta.cache.models import ModelCache
from threatdelta.cache.store import CacheStore
from threatdelta.llm.answer import LlmAnswer

NAMESPACE = CacheNamespace(name="llm-answers", version="1")


class AnswerCache:
    """Validated answers by (prompt version, model, context digest); a None store caches
    nothing (`--no-cache`, or a cache folder that must not be used)."""

    def __init__(self, store: CacheStore | None, prompt_version: str, model: str) -> None:
        self._models = ModelCache(store, NAMESPACE, LlmAnswer) if store is not None else None
        self._prefix = (prompt_version, model)

    def get(self, digest: str) -> LlmAnswer | None:
        if self._models is None:
            return None
        return self._models.get((*self._prefix, digest))

    def put(self, digest: str, answer: LlmAnswer) -> None:
        if self._models is not None:
            self._models.put((*self._prefix, digest), answer)
