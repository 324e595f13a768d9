"""Local `$ref` resolution inside one document, with cycle protection.

Only references into the same document (`#/components/schemas/User`, `#/definitions/User`,
`#/parameters/limit`, ...) are followed. A reference to another file or a URL is recorded as
external and not followed; a local one that points nowhere is recorded as unresolved. Both
become notifications of the extractor, once per distinct reference.
"""

from __future__ import annotations

from urllib.parse import unquote

from threatdelta.extractors.openapi.tree import YamlMap, YamlSeq, YamlValue

MAX_REF_CHAIN = 32


def ref_of(value: YamlValue) -> str | None:
    """The `$ref` of a reference object, if `value` is one."""
    if isinstance(value, YamlMap):
        ref = value.get("$ref")
        if isinstance(ref, str):
            return ref
    return None


def _pointer_tokens(ref: str) -> list[str]:
    pointer = unquote(ref[1:])
    if not pointer:
        return []
    return [t.replace("~1", "/").replace("~0", "~") for t in pointer.lstrip("/").split("/")]


class RefResolver:
    """Follows local references in `root`; remembers what it could not follow."""

    def __init__(self, root: YamlMap) -> None:
        self.root = root
        self.external: list[str] = []
        self.unresolved: list[str] = []
        self.cyclic: list[str] = []
        self._cache: dict[str, YamlValue] = {}

    def lookup(self, ref: str) -> YamlValue:
        """The target of one local reference (not following further refs), or None."""
        if not ref.startswith("#"):
            _remember(self.external, ref)
            return None
        if ref in self._cache:
            return self._cache[ref]
        node: YamlValue = self.root
        for token in _pointer_tokens(ref):
            node = _step(node, token)
            if node is None:
                _remember(self.unresolved, ref)
                break
        self._cache[ref] = node
        return node

    def resolve(self, value: YamlValue) -> YamlValue:
        """`value` with its chain of references followed; None when the chain leaves the
        document, points nowhere or loops."""
        seen: set[str] = set()
        while (ref := ref_of(value)) is not None:
            if ref in seen or len(seen) >= MAX_REF_CHAIN:
                _remember(self.cyclic, ref)
                return None
            seen.add(ref)
            value = self.lookup(ref)
        return value

    def resolve_map(self, value: YamlValue) -> YamlMap | None:
        resolved = self.resolve(value)
        return resolved if isinstance(resolved, YamlMap) else None


def _step(node: YamlValue, token: str) -> YamlValue:
    if isinstance(node, YamlMap):
        return node.get(token)
    if isinstance(node, YamlSeq) and token.isdigit() and int(token) < len(node):
        return node[int(token)]
    return None


def _remember(found: list[str], ref: str) -> None:
    if ref not in found:
        found.append(ref)
