"""Safe loading of YAML and JSON text into a tree that keeps line numbers.

`load_structured(text, path)` is the one entry point, for every extractor that reads
structured data (OpenAPI, IaC, DFD files). It never constructs objects from tags: it reads
the event stream of PyYAML's parser (libyaml when available, the pure-Python parser
otherwise) and builds plain values itself, with an explicit stack, so that

- a document nested deeper than `LoadLimits.max_depth` stops with a `too-deeply-nested`
  notification instead of a `RecursionError`;
- aliases are shared, never copied, and a document whose aliases expand it beyond
  `LoadLimits.max_nodes` nodes (a "billion laughs" bomb) stops with `too-many-nodes`;
- duplicate keys keep the last value and add one `duplicate-key` note;
- a syntax error gives one `parse-error` notification naming the line;
- line numbers are the file's as git counts them: NEL, LINE SEPARATOR and PARAGRAPH
  SEPARATOR, line breaks to YAML but not to git, are read as spaces.

JSON files (`.json`) must be valid for the `json` module (a syntax error names its line),
then go through the YAML parser too (JSON is YAML 1.2 flow style), so their keys have lines;
the few JSON texts libyaml refuses (keys over 1024 characters, lone surrogates, C1 control
characters) keep the `json` module's values, with a note that their lines are unknown
(every span is line 1).
"""

from __future__ import annotations

import json
import re

import yaml

from threatdelta.extractors.openapi.events import LoadRefused, TreeBuilder
from threatdelta.extractors.openapi.tree import LoadedDocument, YamlMap, YamlSeq, YamlValue
from threatdelta.model.base import Frozen, Level, Notification

_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SURROGATE_PAIR = re.compile(
    r"(?<!\\)((?:\\\\)*)\\u(d[89ab][0-9a-f]{2})\\u(d[c-f][0-9a-f]{2})", re.I
)


_UNICODE_BREAKS = ("\x85", "\u2028", "\u2029")


class LoadLimits(Frozen):
    """Budgets of one load: nesting depth and nodes after alias expansion."""

    max_depth: int = 256
    max_nodes: int = 1_000_000


def load_structured(
    text: str, path: str, limits: LoadLimits | None = None
) -> LoadedDocument | Notification:
    """The documents of a YAML or JSON file (JSON when `path` ends in `.json`), or the one
    notification that says why it cannot be read."""
    limits = limits or LoadLimits()
    if path.lower().endswith(".json"):
        return _load_json(text, path, limits)
    try:
        return _load_yaml(text, path, limits)
    except yaml.YAMLError as exc:
        return _yaml_error(exc, text, path)


def _yaml_error(exc: yaml.YAMLError, text: str, path: str) -> Notification:
    where = _where(exc, text)
    if "nesting depth" in where:  # libyaml's own limit on flow levels (1000)
        return _notification("too-deeply-nested", f"{where}; skipped", path)
    return _notification("parse-error", f"YAML syntax error {where}", path)


def _load_yaml(text: str, path: str, limits: LoadLimits) -> LoadedDocument | Notification:
    text = _unicode_breaks_as_spaces(text)
    builder = TreeBuilder(text, max_depth=limits.max_depth, max_nodes=limits.max_nodes)
    parser = _Parser(text)
    try:
        while (event := parser.get_event()) is not None:
            builder.feed(event)
    except LoadRefused as exc:
        return _notification(exc.code, f"line {exc.line}: {exc.message}; skipped", path)
    except (ValueError, UnicodeError) as exc:  # text libyaml cannot encode
        return _notification("parse-error", f"cannot parse: {exc}", path)
    finally:
        parser.dispose()
    notes = tuple(
        Notification(level=Level.NOTE, code=code, message=message, path=path)
        for code, message in builder.remarks
    )
    return LoadedDocument(path=path, documents=tuple(builder.documents), notifications=notes)


def _unicode_breaks_as_spaces(text: str) -> str:
    """YAML counts NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR as line breaks, git and
    editors do not: read them as spaces so that every line number matches the file."""
    for char in _UNICODE_BREAKS:
        if char in text:
            text = text.replace(char, " ")
    return text


def _json_as_yaml(text: str) -> str:
    """Spellings valid in JSON that libyaml refuses, rewritten without moving any line:
    tab indentation and escaped surrogate pairs (`\\ud83d\\ude00`)."""
    text = text.replace("\t", " ")  # a raw tab is not allowed inside a JSON string
    if "\\u" in text or "\\U" in text:
        text = _SURROGATE_PAIR.sub(_join_surrogates, text)
    return text


def _join_surrogates(match: re.Match[str]) -> str:
    high, low = int(match.group(2), 16), int(match.group(3), 16)
    code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
    return match.group(1) + chr(code)


def _load_json(text: str, path: str, limits: LoadLimits) -> LoadedDocument | Notification:
    """Strict JSON (the `json` module decides what is valid), with positions from the YAML
    parser when it accepts the text."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        return _notification(
            "parse-error", f"JSON syntax error at line {exc.lineno}: {exc.msg}", path
        )
    except RecursionError:
        return _nested_too_deep(path, limits)
    try:
        return _load_yaml(_json_as_yaml(text), path, limits)
    except yaml.YAMLError as exc:
        if "nesting depth" in _where(exc, text):
            return _nested_too_deep(path, limits)
    try:
        tree = _from_plain(value, limits.max_depth)
    except LoadRefused:
        return _nested_too_deep(path, limits)
    note = Notification(
        level=Level.NOTE,
        code="positions-unavailable",
        message="JSON read without line positions (the YAML parser refused it); evidence "
        "points at line 1",
        path=path,
    )
    return LoadedDocument(path=path, documents=(tree,), notifications=(note,))


def _from_plain(value: object, depth: int) -> YamlValue:
    """A decoded JSON value as a tree whose spans are all line 1."""
    if depth < 0:
        raise LoadRefused("too-deeply-nested", "nested too deeply", 1)
    if isinstance(value, dict):
        mapping = YamlMap()
        for key, item in value.items():
            mapping[str(key)] = _from_plain(item, depth - 1)
            mapping.spans[str(key)] = (1, 1)
        return mapping
    if isinstance(value, list):
        seq = YamlSeq()
        seq.extend(_from_plain(item, depth - 1) for item in value)
        seq.spans.extend((1, 1) for _ in value)
        return seq
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def _where(exc: yaml.YAMLError, text: str) -> str:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or getattr(exc, "reason", None) or "invalid text"
    if mark is not None:
        return f"at line {mark.line + 1}: {problem}"
    position = getattr(exc, "position", None)
    if isinstance(position, int):
        return f"at line {text.count(chr(10), 0, position) + 1}: {problem}"
    return f"at line 1: {problem}"


def _nested_too_deep(path: str, limits: LoadLimits) -> Notification:
    return _notification(
        "too-deeply-nested", f"nested more than {limits.max_depth} levels deep; skipped", path
    )


def _notification(code: str, message: str, path: str) -> Notification:
    return Notification(level=Level.WARNING, code=code, message=message, path=path)
