"""A fingerprint of threatdelta's own code, part of every cache key: a new version, a new
rule or an edited extractor makes old entries miss instead of returning stale results."""

from __future__ import annotations

import hashlib
from pathlib import Path

import threatdelta

_PACKAGE = Path(threatdelta.__file__).resolve().parent


def code_fingerprint() -> str:
    digest = hashlib.sha256(threatdelta.__version__.encode())
    for path in sorted(_PACKAGE.rglob("*")):
        if path.suffix in (".py", ".json", ".txt", ".md") and path.is_file():
            digest.update(path.relative_to(_PACKAGE).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:20]
