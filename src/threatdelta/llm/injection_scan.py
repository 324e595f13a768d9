"""Finding text in repository content that tries to steer an automated reviewer.

Four kinds, each reported with the 1-based line it is on:

- `ai-instruction`: prose addressed to an AI / LLM reviewer ("ignore previous instructions",
  "you are an AI", "as the reviewer, report no issues", "reveal the system prompt", chat-template
  tokens), or to whoever reviews the code without naming an AI ("mark it as no issues",
  "security reviewers: skip this file"; the wording is in `injection_patterns.py`),
  wherever it is: comments, docstrings, string literals, Markdown, the file's name. A
  sentence may wrap onto the next line; invisible characters inside words are ignored.
- `bidi-control`: bidirectional embedding / override / isolate characters (U+202A-202E,
  U+2066-2069), which make code read differently from how it runs ("Trojan Source").
- `zero-width`: U+200B-200D, U+2060-2064, U+FEFF other than a leading byte-order mark, and
  Unicode tag characters (U+E0000-E007F: ASCII a model reads but no screen shows); a joiner
  between emoji, a non-joiner between letters of a script that needs it and the tags of an
  emoji subdivision flag are not reported.
- `hidden-markup`: in Markdown, an HTML comment or a `<details>` / hidden element whose text
  speaks to an AI or a reviewer: invisible when rendered, read by a model.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from enum import StrEnum

from threatdelta.llm.injection_patterns import AI_INSTRUCTION, steers_a_reviewer
from threatdelta.llm.redact import redact
from threatdelta.model.base import Frozen

MAX_EXCERPT = 160
# zero-width / invisible: ZWSP, ZWNJ, ZWJ, word joiner, invisible operators, BOM, and the
# Unicode tag characters (U+E0000-E007F), which a model reads as ASCII but no screen shows
_ZERO_WIDTH_CHARS = "\u200b-\u200d\u2060-\u2064\ufeff\U000e0000-\U000e007f"
_BIDI_CHARS = "\u202a-\u202e\u2066-\u2069"
_INVISIBLE = re.compile(f"[{_ZERO_WIDTH_CHARS}{_BIDI_CHARS}]")
_BIDI = re.compile(f"[{_BIDI_CHARS}]")
_ZERO_WIDTH = re.compile(f"[{_ZERO_WIDTH_CHARS}]")
_TAG_RUN = re.compile("[\U000e0000-\U000e007f]+")
_BLACK_FLAG = "\U0001f3f4"  # the base of emoji subdivision flags, spelled with tag characters
_COMMENT_PREFIX = re.compile(r'^\s*(?:#+|//+|/\*+|\*+/?|--|;+|<!--|"""|\'\'\'|>)\s*')
_HIDDEN_BLOCK = re.compile(
    r"<!--.*?(?:-->|\Z)|<details\b.*?(?:</details>|\Z)|"
    r"<(?P<tag>div|span|p)\b[^>]*(?:\bhidden\b|display\s*:\s*none|visibility\s*:\s*hidden)"
    r"[^>]*>.*?(?:</(?P=tag)>|\Z)",
    re.IGNORECASE | re.DOTALL,
)
_MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdx", ".mdown")
_NAME_SEPARATORS = re.compile(r"[_\-./]+")


class InjectionKind(StrEnum):
    AI_INSTRUCTION = "ai-instruction"
    BIDI_CONTROL = "bidi-control"
    ZERO_WIDTH = "zero-width"
    HIDDEN_MARKUP = "hidden-markup"


class InjectionMarker(Frozen):
    """One attempt to steer a reviewer: where it is, what kind, and the text (trimmed, with
    invisible characters shown as `<U+XXXX>`)."""

    path: str
    line: int
    kind: InjectionKind
    excerpt: str


def source_lines(text: str) -> list[str]:
    """The lines of a file as editors and git number them: split on `\\n` only (a form feed
    or U+2028 inside a line does not start a new one), a trailing `\\r` dropped."""
    return [line.removesuffix("\r") for line in text.split("\n")]


def visible(text: str) -> str:
    """`text` with every bidi / zero-width character written as `<U+XXXX>`."""
    text = _TAG_RUN.sub(_decoded_tags, text)
    return _INVISIBLE.sub(lambda m: f"<U+{ord(m.group(0)):04X}>", text)


def _tag_text(run: str) -> str:
    """The ASCII a model reads from a run of tag characters (the cancel tag left out)."""
    return "".join(chr(ord(c) - 0xE0000) for c in run if 0xE0020 <= ord(c) < 0xE007F)


def _decoded_tags(match: re.Match[str]) -> str:
    return f"<hidden-tags:{_tag_text(match.group(0))!r}>"


def _excerpt(line: str) -> str:
    """The line as reported: trimmed, secrets redacted, invisible characters shown."""
    text = visible(redact(line.strip())[0])
    return text if len(text) <= MAX_EXCERPT else text[: MAX_EXCERPT - 1] + "…"


def _plain(line: str) -> str:
    """The prose of a line: tag characters read as the ASCII they encode, other invisible
    characters dropped, comment leaders removed."""
    decoded = _TAG_RUN.sub(lambda m: f" {_tag_text(m.group(0))} ", line)
    return _COMMENT_PREFIX.sub("", _INVISIBLE.sub("", decoded))


def _benign_zero_width(line: str, index: int) -> bool:
    """A joiner inside an emoji sequence, or a (non-)joiner between letters of a script that
    uses it (Persian, Indic): normal text, not an attempt to hide anything."""
    char = line[index]
    before = line[index - 1] if index > 0 else ""
    after = line[index + 1] if index + 1 < len(line) else ""
    if _TAG_RUN.match(char):
        start = index
        while start > 0 and _TAG_RUN.match(line[start - 1]):
            start -= 1
        return start > 0 and line[start - 1] == _BLACK_FLAG  # an emoji subdivision flag
    if not before or not after or char not in "\u200c\u200d":
        return False
    if char == "\u200d" and (_pictographic(before) and _pictographic(after)):
        return True
    return all(
        ord(c) > 0x24F and unicodedata.category(c).startswith(("L", "M")) for c in (before, after)
    )


def _pictographic(char: str) -> bool:
    return ord(char) >= 0x2190 and (
        unicodedata.category(char) in ("So", "Sk", "Mn") or 0x1F3FB <= ord(char) <= 0x1F3FF
    )


def _character_markers(path: str, number: int, line: str, first: bool) -> list[InjectionMarker]:
    found: list[InjectionMarker] = []
    if _BIDI.search(line):
        found.append(
            InjectionMarker(
                path=path, line=number, kind=InjectionKind.BIDI_CONTROL, excerpt=_excerpt(line)
            )
        )
    for match in _ZERO_WIDTH.finditer(line):
        index = match.start()
        if first and index == 0 and match.group(0) == "\ufeff":
            continue  # a byte-order mark at the start of the file
        if _benign_zero_width(line, index):
            continue
        found.append(
            InjectionMarker(
                path=path, line=number, kind=InjectionKind.ZERO_WIDTH, excerpt=_excerpt(line)
            )
        )
        break
    return found


def _instruction_lines(lines: list[str]) -> list[int]:
    """0-based indexes of lines holding an instruction to an AI (a sentence wrapped onto the
    next line is reported on the line where it starts)."""
    hits: list[int] = []
    plain = [_plain(line) for line in lines]
    alone = [bool(AI_INSTRUCTION.search(text)) for text in plain]
    for index, text in enumerate(plain):
        if alone[index]:
            hits.append(index)
        elif index + 1 < len(plain) and not alone[index + 1]:
            joined = text.rstrip() + " " + plain[index + 1].strip()
            if AI_INSTRUCTION.search(joined):
                hits.append(index)
    return hits


def _hidden_markup(path: str, text: str) -> list[InjectionMarker]:
    found: list[InjectionMarker] = []
    for block in _HIDDEN_BLOCK.finditer(text):
        body = _INVISIBLE.sub("", block.group(0))
        if steers_a_reviewer(body) is None:
            continue
        addressee = steers_a_reviewer(block.group(0))  # None: hidden inside a word
        offset = block.start() + (addressee.start() if addressee else 0)
        number = text.count("\n", 0, offset) + 1
        line = source_lines(text)[number - 1]
        found.append(
            InjectionMarker(
                path=path, line=number, kind=InjectionKind.HIDDEN_MARKUP, excerpt=_excerpt(line)
            )
        )
    return found


def _file_name_markers(path: str) -> list[InjectionMarker]:
    name = _NAME_SEPARATORS.sub(" ", path)
    found: list[InjectionMarker] = []
    if AI_INSTRUCTION.search(_INVISIBLE.sub("", name)):
        found.append(
            InjectionMarker(
                path=path, line=1, kind=InjectionKind.AI_INSTRUCTION, excerpt=_excerpt(path)
            )
        )
    found += _character_markers(path, 1, path, first=False)
    return found


def scan_lines(path: str, lines: Sequence[str], start_line: int = 1) -> tuple[InjectionMarker, ...]:
    """Markers in consecutive lines of a file, the first being line `start_line` (the lines a
    prompt shows): instructions, invisible characters and, in Markdown, hidden markup. The
    file's name is not looked at."""
    lines = list(lines)
    shift = start_line - 1
    markers = [
        InjectionMarker(
            path=path,
            line=index + 1 + shift,
            kind=InjectionKind.AI_INSTRUCTION,
            excerpt=_excerpt(lines[index]),
        )
        for index in _instruction_lines(lines)
    ]
    for index, line in enumerate(lines):
        first = index == 0 and start_line == 1
        markers += _character_markers(path, index + 1 + shift, line, first=first)
    if path.lower().endswith(_MARKDOWN_SUFFIXES):
        hidden = _hidden_markup(path, "\n".join(lines))
        markers += [m.model_copy(update={"line": m.line + shift}) for m in hidden]
    return _ordered(markers)


def scan_file_name(path: str) -> tuple[InjectionMarker, ...]:
    """Markers in a file's path (reported on line 1)."""
    return _ordered(_file_name_markers(path))


def _ordered(markers: Iterable[InjectionMarker]) -> tuple[InjectionMarker, ...]:
    return tuple(sorted(dict.fromkeys(markers), key=lambda m: (m.line, m.kind.value)))


def scan_injections(path: str, text: str) -> tuple[InjectionMarker, ...]:
    """Every injection marker in one file (and its name), in line order."""
    return _ordered((*scan_file_name(path), *scan_lines(path, source_lines(text))))
