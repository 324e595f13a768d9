"""Typed caching of pydantic models (e.g. `ModelFragment`) as JSON, validated on read.

The key is extended with the model's name and a fingerprint of its JSON Schema, so a change
to the model's shape makes old entries miss instead of failing (or worse, half-validating).
A payload that does not validate is a miss, and the entry is dropped.

For extraction results the pipeline keys entries by what determines the output:
`(extractor name, extractor version, repo-relative path, git blob id)`. The path belongs in
the key because fragments record it (locations, router modules, service names).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Generic, TypeVar

from pydantic import BaseModel, ValidationError

from threatdelta.cache.entry import CacheNamespace, RejectReason
from threatdelta.cache.store import CacheStore

M = TypeVar("M", bound=BaseModel)


def schema_fingerprint(model: type[BaseModel]) -> str:
    """A short hash of the model's JSON Schema: changes whenever its shape changes."""
    schema = json.dumps(model.model_json_schema(), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(schema.encode()).hexdigest()[:16]


class ModelCache(Generic[M]):
    """Models of one type in one namespace of a store."""

    def __init__(self, store: CacheStore, namespace: CacheNamespace, model: type[M]) -> None:
        self._store = store
        self._namespace = namespace
        self._model = model
        self._prefix = (model.__name__, schema_fingerprint(model))

    def _key(self, key_parts: Sequence[str]) -> tuple[str, ...]:
        return (*self._prefix, *key_parts)

    def get(self, key_parts: Sequence[str]) -> M | None:
        """The model stored under the key, or None when missing or not valid."""
        key = self._key(key_parts)
        payload = self._store.get(self._namespace, key)
        if payload is None:
            return None
        try:
            return self._model.model_validate_json(payload)
        except ValidationError:
            self._store.discard(self._namespace, key, RejectReason.INVALID_MODEL)
            return None

    def put(self, key_parts: Sequence[str], value: M) -> bool:
        """Store `value` under the key; False when it was not stored."""
        return self._store.put(
            self._namespace, self._key(key_parts), value.model_dump_json().encode()
        )
