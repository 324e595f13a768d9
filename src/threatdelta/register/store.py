"""Reading the register file (never a crash) and writing a decision into it (comments and
order kept, through ruamel.yaml's round-trip mode)."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import LiteralScalarString

from threatdelta.errors import ThreatdeltaError
from threatdelta.extractors.openapi.loader import load_structured
from threatdelta.extractors.openapi.tree import YamlMap, YamlSeq
from threatdelta.model.base import Level, Notification
from threatdelta.register.migrate import RawRegister, VersionProblem, upgrade
from threatdelta.register.schema import REGISTER_PATH, CustomThreat, Decision, RegisterFile

__all__ = [
    "REGISTER_PATH",
    "RegisterError",
    "load_register",
    "parse_register",
    "read_register_at",
    "record_decision",
]
MAX_REGISTER_BYTES = 2 * 1024 * 1024
MAX_ENTRIES = 10_000
_KNOWN_KEYS = frozenset({"version", "decisions", "custom_threats"})
_Entry = TypeVar("_Entry", bound=BaseModel)


class RegisterError(ThreatdeltaError):
    """The register file cannot be edited (it does not parse, or has the wrong shape)."""


def _note(path: str, message: str, level: Level = Level.WARNING, code: str = "") -> Notification:
    return Notification(level=level, code=code or "register-invalid", path=path, message=message)


def _problem(exc: ValidationError) -> str:
    parts = []
    for error in exc.errors()[:3]:
        where = ".".join(str(p) for p in error["loc"])
        message = str(error["msg"]).removeprefix("Value error, ")
        parts.append(f"{where}: {message}" if where else message)
    return "; ".join(parts)


def _line_of(root: RawRegister, key: str) -> int:
    """The key's line (1 in a mapping an upgrade step rebuilt, which has no lines)."""
    return root.line_of(key) if isinstance(root, YamlMap) else 1


def _item_line(value: list[object], index: int) -> int:
    if isinstance(value, YamlSeq):
        return value.spans[index][0] if index < len(value.spans) else value.start_line
    return 1


def _entries(
    root: RawRegister, key: str, model: type[_Entry], path: str
) -> tuple[list[_Entry], list[Notification]]:
    """The valid items of the list `key`; each invalid one is a notification with its line."""
    value = root.get(key)
    if value is None:
        return [], []
    if not isinstance(value, list):
        line = _line_of(root, key)
        return [], [_note(path, f"line {line}: {key} must be a list; ignored")]
    found: list[_Entry] = []
    notes: list[Notification] = []
    if len(value) > MAX_ENTRIES:
        notes.append(_note(path, f"{key}: only the first {MAX_ENTRIES} entries are read"))
    for index, item in enumerate(value[:MAX_ENTRIES]):
        line = _item_line(value, index)
        try:
            if not isinstance(item, dict):
                raise ValueError("a mapping expected")
            found.append(model.model_validate(dict(item)))
        except ValidationError as exc:
            notes.append(_note(path, f"line {line}: {key}[{index}] ignored: {_problem(exc)}"))
        except ValueError as exc:
            notes.append(_note(path, f"line {line}: {key}[{index}] ignored: {exc}"))
    return found, notes


def _unique(
    entries: list[_Entry], key: Callable[[_Entry], str], what: str, path: str
) -> tuple[tuple[_Entry, ...], list[Notification]]:
    """One entry per key: the last one wins, with a warning."""
    by_key: dict[str, _Entry] = {}
    notes: list[Notification] = []
    for entry in entries:
        name = key(entry)
        if name in by_key:
            notes.append(
                _note(
                    path,
                    f"{what} {name!r} appears twice; the later one applies",
                    code="register-duplicate",
                )
            )
            del by_key[name]
        by_key[name] = entry
    return tuple(by_key.values()), notes


def parse_register(text: str, path: str) -> tuple[RegisterFile, tuple[Notification, ...]]:
    """The register in `text` (the file at `path`). Bad YAML or an invalid entry is a
    notification naming the file and line; every valid entry is still honoured."""
    if len(text) > MAX_REGISTER_BYTES:
        message = f"larger than {MAX_REGISTER_BYTES} bytes; the register was not read"
        return RegisterFile(), (_note(path, message, Level.ERROR, "file-too-large"),)
    loaded = load_structured(text, path)
    if isinstance(loaded, Notification):
        return RegisterFile(), (_note(path, loaded.message, Level.ERROR),)
    notes = list(loaded.notifications)
    root = loaded.root
    if root is None:
        return RegisterFile(), tuple(notes)
    if not isinstance(root, YamlMap) or len(loaded.documents) > 1:
        notes.append(_note(path, "one mapping expected; the register was not read", Level.ERROR))
        return RegisterFile(), tuple(notes)
    try:
        raw = upgrade(root)  # the same mapping (with its lines) when already current
    except VersionProblem as exc:
        notes.append(_note(path, f"line {root.line_of('version')}: {exc}", Level.ERROR))
        return RegisterFile(), tuple(notes)
    for key in sorted(set(raw) - _KNOWN_KEYS):
        notes.append(_note(path, f"line {_line_of(raw, key)}: unknown key {key!r} ignored"))
    decisions, decision_notes = _entries(raw, "decisions", Decision, path)
    customs, custom_notes = _entries(raw, "custom_threats", CustomThreat, path)
    unique_decisions, dup_notes = _unique(decisions, lambda d: d.target, "target", path)
    notes += decision_notes + custom_notes + dup_notes
    register = RegisterFile(decisions=unique_decisions, custom_threats=tuple(customs))
    return register, tuple(notes)


def read_register_text(root: Path) -> str | Notification | None:
    """The register file's text in the folder `root`; None when there is none."""
    path = root / REGISTER_PATH
    if not path.is_file():
        return None
    resolved, top = path.resolve(), root.resolve()
    if not resolved.is_relative_to(top):
        return _note(REGISTER_PATH, "a link out of the repository; not read", Level.ERROR)
    with resolved.open("rb") as handle:
        data = handle.read(MAX_REGISTER_BYTES + 1)
    if len(data) > MAX_REGISTER_BYTES:
        message = f"larger than {MAX_REGISTER_BYTES} bytes; the register was not read"
        return _note(REGISTER_PATH, message, Level.ERROR, "file-too-large")
    return _decoded(data)


def _decoded(data: bytes) -> str | Notification:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return _note(REGISTER_PATH, "not UTF-8 text; the register was not read", Level.ERROR)


def read_register_at(repo_path: Path, commit: str) -> tuple[RegisterFile, tuple[Notification, ...]]:
    """The register file of a commit, read from git (the PR head, or the merge base)."""
    from threatdelta.diff.git import open_repository  # noqa: PLC0415 (GitPython needs git)

    with open_repository(repo_path) as repo:
        content = repo.read_file(commit, REGISTER_PATH, MAX_REGISTER_BYTES)
    if content is None:
        return RegisterFile(), ()
    if isinstance(content, Notification):
        return RegisterFile(), (_note(REGISTER_PATH, content.message, Level.ERROR),)
    text = _decoded(content.data)
    if isinstance(text, Notification):
        return RegisterFile(), (text,)
    return parse_register(text, REGISTER_PATH)


def load_register(root: Path) -> tuple[RegisterFile, tuple[Notification, ...]]:
    """The register of the repository folder `root` (empty when it has none)."""
    text = read_register_text(root)
    if text is None:
        return RegisterFile(), ()
    if isinstance(text, Notification):
        return RegisterFile(), (text,)
    return parse_register(text, REGISTER_PATH)


def _round_trip() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _yaml_entry(decision: Decision) -> dict[str, object]:
    """The decision as YAML values: only the fields set, text for dates."""
    entry: dict[str, object] = {}
    for name, value in decision.model_dump(mode="json", exclude_defaults=True).items():
        text = str(value)
        entry[name] = LiteralScalarString(text) if "\n" in text else text
    entry.setdefault("status", decision.status.value)
    return entry


def _decisions_of(document: object) -> tuple[CommentedMap, CommentedSeq]:
    if document is None:
        document = CommentedMap([("version", 1)])
    if not isinstance(document, CommentedMap):
        raise RegisterError(f"{REGISTER_PATH}: a mapping expected at the top")
    decisions = document.get("decisions")
    if decisions is None:
        decisions = CommentedSeq()
        document["decisions"] = decisions
    if not isinstance(decisions, CommentedSeq):
        raise RegisterError(f"{REGISTER_PATH}: decisions must be a list")
    return document, decisions


def _replace_or_append(decisions: CommentedSeq, entry: dict[str, object], target: str) -> None:
    for item in decisions:
        if isinstance(item, CommentedMap) and str(item.get("target", "")).strip() == target:
            for key in [k for k in item if k not in entry]:
                del item[key]
            for key, value in entry.items():
                item[key] = value
            return
    decisions.append(CommentedMap(entry.items()))


def record_decision(text: str | None, decision: Decision) -> str:
    """The register text with `decision` added, or in place of the decision for the same
    target; comments, key order and the other entries are kept. `RegisterError` when the
    text does not parse, has the wrong shape or is too large."""
    if text is not None and len(text) > MAX_REGISTER_BYTES:
        raise RegisterError(f"{REGISTER_PATH} is larger than {MAX_REGISTER_BYTES} bytes")
    yaml = _round_trip()
    try:
        loaded = yaml.load(text) if text and text.strip() else None
    except YAMLError as exc:
        raise RegisterError(f"{REGISTER_PATH} does not parse: {exc}") from None
    document, decisions = _decisions_of(loaded)
    if decisions.fa.flow_style():
        decisions.fa.set_block_style()
    _replace_or_append(decisions, _yaml_entry(decision), decision.target)
    out = io.StringIO()
    yaml.dump(document, out)
    if loaded is None and text and text.strip():  # only comments so far: keep them on top
        return text.rstrip("\n") + "\n" + out.getvalue()
    return out.getvalue()
