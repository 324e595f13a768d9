"""The on-disk format of one cache entry, and the checks that make a bad entry a miss.

    threatdelta-cache\\n
    {"format": 1, "namespace": ..., "namespace_version": ..., "key": [...], "size": N,
     "sha256": ...}\\n
    <N bytes of payload>

An entry is trusted only when all of it matches: the magic line, a header that parses, the
format version, the exact namespace, version and key that were asked for (so a foreign or
misplaced file never answers), the payload length and its SHA-256.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from enum import StrEnum

from pydantic import Field, ValidationError, field_validator

from threatdelta.model.base import Frozen

ENTRY_FORMAT = 1
MAGIC = b"threatdelta-cache\n"
_MAX_HEADER_BYTES = 1024 * 1024
_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")


class CacheNamespace(Frozen):
    """A family of entries (`fragments`, `llm-answers`). Bump `version` whenever what is
    stored for the same key may change; older entries then simply stop matching."""

    name: str
    version: str = Field(min_length=1, max_length=64)

    @field_validator("name")
    @classmethod
    def _safe_name(cls, value: str) -> str:
        if not _NAME.match(value):
            raise ValueError("namespace names are lower-case letters, digits, '.', '_', '-'")
        return value


class RejectReason(StrEnum):
    FOREIGN = "foreign"  # not a threatdelta cache entry
    BAD_HEADER = "bad-header"
    OTHER_FORMAT = "other-format"
    KEY_MISMATCH = "key-mismatch"  # another namespace, version or key
    TRUNCATED = "truncated"
    CHECKSUM = "checksum"
    TOO_LARGE = "too-large"
    UNREADABLE = "unreadable"
    INVALID_MODEL = "invalid-model"  # the payload does not validate as the expected model


class EntryHeader(Frozen):
    format: int
    namespace: str
    namespace_version: str
    key: tuple[str, ...]
    size: int = Field(ge=0)
    sha256: str


def entry_digest(namespace: CacheNamespace, key_parts: Sequence[str]) -> str:
    """The content address of an entry: a hash of everything that identifies it."""
    identity = [ENTRY_FORMAT, namespace.name, namespace.version, *key_parts]
    encoded = json.dumps(identity, ensure_ascii=True, separators=(",", ":")).encode()
    return hashlib.sha256(encoded).hexdigest()


def encode_entry(namespace: CacheNamespace, key_parts: Sequence[str], payload: bytes) -> bytes:
    header = EntryHeader(
        format=ENTRY_FORMAT,
        namespace=namespace.name,
        namespace_version=namespace.version,
        key=tuple(key_parts),
        size=len(payload),
        sha256=hashlib.sha256(payload).hexdigest(),
    )
    return MAGIC + header.model_dump_json().encode() + b"\n" + payload


def _header(data: bytes) -> EntryHeader | RejectReason:
    if not data.startswith(MAGIC):
        return RejectReason.FOREIGN
    end = data.find(b"\n", len(MAGIC), len(MAGIC) + _MAX_HEADER_BYTES)
    if end < 0:
        return RejectReason.TRUNCATED if len(data) < _MAX_HEADER_BYTES else RejectReason.BAD_HEADER
    try:
        return EntryHeader.model_validate_json(data[len(MAGIC) : end])
    except ValidationError:
        return RejectReason.BAD_HEADER


def decode_entry(
    data: bytes, namespace: CacheNamespace, key_parts: Sequence[str]
) -> bytes | RejectReason:
    """The payload of `data` if it is exactly the entry asked for, else why it is not."""
    header = _header(data)
    if isinstance(header, RejectReason):
        return header
    if header.format != ENTRY_FORMAT:
        return RejectReason.OTHER_FORMAT
    if (header.namespace, header.namespace_version, header.key) != (
        namespace.name,
        namespace.version,
        tuple(key_parts),
    ):
        return RejectReason.KEY_MISMATCH
    payload = data[data.index(b"\n", len(MAGIC)) + 1 :]
    if len(payload) < header.size:
        return RejectReason.TRUNCATED
    if len(payload) > header.size or hashlib.sha256(payload).hexdigest() != header.sha256:
        return RejectReason.CHECKSUM
    return payload
