"""Read the arguments of the Dockerfile instructions the rules look at, as attributes of
the stage they belong to (see `dockerfile.py` for the attribute names)."""

from __future__ import annotations

import json
import shlex

from threatdelta.extractors.iac.dockerfile_parse import Instruction
from threatdelta.model.base import Evidence, Location
from threatdelta.model.elements import IacAttribute


def words(arguments: str) -> list[str]:
    """Shell-like words of the arguments (quotes removed); plain split when unbalanced."""
    try:
        return shlex.split(arguments, comments=False, posix=True)
    except ValueError:
        return arguments.split()


def attribute(name: str, value: str, path: str, ins: Instruction) -> IacAttribute:
    location = Location(path=path, start_line=ins.start, end_line=ins.end)
    return IacAttribute(name=name, value=value, evidence=(Evidence(location=location),))


def from_parts(ins: Instruction) -> tuple[str, str]:
    """The image (or earlier stage) a FROM names and the stage's alias ("" when none)."""
    tokens = [t for t in words(ins.arguments) if not t.startswith("--")]
    image = tokens[0] if tokens else ""
    alias = tokens[2] if len(tokens) >= 3 and tokens[1].lower() == "as" else ""
    return image, alias


def variables(ins: Instruction, path: str, lines: list[str]) -> list[IacAttribute]:
    """`env.NAME` / `arg.NAME` attributes of an ENV or ARG (an ARG without default has none),
    each on the line that sets it when the instruction spans several."""
    return [_on_own_line(a, ins, lines) for a in _variables(ins, path)]


def _on_own_line(a: IacAttribute, ins: Instruction, lines: list[str]) -> IacAttribute:
    if ins.start == ins.end:
        return a
    name = a.name.split(".", 1)[1]
    for number in range(ins.start, min(ins.end, len(lines)) + 1):
        text = lines[number - 1].strip()
        if text.startswith((f"{name}=", f"{ins.keyword} {name}=")) or f" {name}=" in text:
            location = Location(
                path=a.evidence[0].location.path, start_line=number, end_line=number
            )
            return a.model_copy(update={"evidence": (Evidence(location=location),)})
    return a


def _variables(ins: Instruction, path: str) -> list[IacAttribute]:
    prefix = ins.keyword.lower()
    tokens = words(ins.arguments)
    if not tokens:
        return []
    if prefix == "env" and "=" not in tokens[0]:  # legacy `ENV NAME value with spaces`
        rest = ins.arguments.split(None, 1)[1:] or [""]
        value = " ".join(words(rest[0])) if rest[0] else ""
        return [attribute(f"env.{tokens[0]}", value, path, ins)]
    found = []
    for token in tokens:
        name, equals, value = token.partition("=")
        if name and equals:
            found.append(attribute(f"{prefix}.{name}", value, path, ins))
    return found


def add_sources(ins: Instruction, path: str) -> list[IacAttribute]:
    """An `add` attribute per source of an ADD, and `add.checksum` when `--checksum` is set."""
    flags = [t for t in words(ins.arguments) if t.startswith("--")]
    rest = ins.arguments
    while rest.startswith("--"):
        rest = rest.split(None, 1)[1] if " " in rest.strip() else ""
    sources = _exec_form(rest)
    if sources is None:
        sources = [t for t in words(rest) if not t.startswith("--")]
    found = [attribute("add", source, path, ins) for source in sources[:-1]]
    found += [
        attribute("add.checksum", flag.partition("=")[2], path, ins)
        for flag in flags
        if flag.startswith("--checksum=")
    ]
    return found


def _exec_form(rest: str) -> list[str] | None:
    if not rest.lstrip().startswith("["):
        return None
    try:
        parsed = json.loads(rest)
    except ValueError:
        return None
    if isinstance(parsed, list) and all(isinstance(p, str) for p in parsed):
        return [str(p) for p in parsed]
    return None
