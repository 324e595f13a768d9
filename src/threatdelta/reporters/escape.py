"""Escaping repository-derived text for GitHub-flavoured Markdown.

Paths, element keys, handler names and messages quoting them come from the repository being
analysed, so in a report or a pull-request comment they are data, never markup. Everything that
reaches Markdown goes through one of these functions:

- `escape_markdown`: inline text. Markdown and HTML punctuation is backslash-escaped (no raw
  HTML, links, images, emphasis, tables, math); `@mentions`, `#123` references, bare URLs and
  e-mail autolinks are broken with a zero-width joiner, because GitHub links those after
  rendering, where backslashes no longer help; line breaks and control characters become spaces
  and bidirectional-override characters become U+FFFD.
- `code_span`: inline code with a backtick fence longer than any run inside (GitHub does not
  link mentions or URLs inside code). `in_table=True` also escapes pipes, which GFM splits
  table cells on even inside code spans.
- `fenced_code`: a code block whose fence is longer than any backtick run in the content.
- `one_line`: plain text on one line, for the terminal and as the base of Mermaid labels.
"""

from __future__ import annotations

import re

ZWJ = "\u200d"
_ALWAYS = frozenset("\\`*_[]<>&|~$")
_AT_LINE_START = frozenset("#-+=")
_LEADING_ORDINAL = re.compile(r"^(\d+)([.)])")
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")
_C1_CONTROL = re.compile("[\x80-\x9f]+")  # e.g. U+009B, a one-character terminal CSI
_MENTION = re.compile(r"@(?=[A-Za-z0-9])")
_REFERENCE = re.compile(r"#(?=\d)")
_SCHEME = re.compile(r"://")
_WWW = re.compile(r"(?i)(?<![A-Za-z0-9])(www)\.")
_BACKTICK_RUN = re.compile(r"`+")


def _flatten(text: str) -> str:
    """One line: control characters (incl. line breaks) to spaces, bidi overrides to U+FFFD."""
    return _BIDI.sub("\ufffd", _CONTROL.sub(" ", text))


def one_line(text: str) -> str:
    """Plain text on one line, for outputs that are not Markdown (the terminal, the base of
    Mermaid labels): control characters (C0, DEL and C1, line breaks included) become spaces
    and bidirectional overrides U+FFFD."""
    return _flatten(_C1_CONTROL.sub(" ", text))


def _defuse_autolinks(text: str) -> str:
    text = _MENTION.sub("@" + ZWJ, text)
    text = _REFERENCE.sub("#" + ZWJ, text)
    text = _SCHEME.sub(":" + ZWJ + "//", text)
    return _WWW.sub(r"\1" + ZWJ + ".", text)


def escape_markdown(text: str) -> str:
    """Inline Markdown that renders exactly as `text` reads, as one line."""
    text = _defuse_autolinks(_flatten(text)).lstrip(" ")
    prefix = ""
    ordinal = _LEADING_ORDINAL.match(text)
    if ordinal:  # "1." or "1)" would start an ordered list
        prefix, text = ordinal.group(1) + "\\" + ordinal.group(2), text[ordinal.end() :]
    elif text[:1] in _AT_LINE_START:  # heading, bullet or setext underline
        prefix, text = "\\" + text[0], text[1:]
    return prefix + "".join("\\" + ch if ch in _ALWAYS else ch for ch in text)


def _fence_for(text: str, minimum: int) -> str:
    longest = max((len(run) for run in _BACKTICK_RUN.findall(text)), default=0)
    return "`" * max(minimum, longest + 1)


def code_span(text: str, *, in_table: bool = False) -> str:
    """`text` as inline code, whatever backticks it contains."""
    text = _flatten(text)
    if in_table:
        text = text.replace("|", "\\|")
    fence = _fence_for(text, 1)
    if not text:
        text = " "
    elif text.strip(" ") and (text.startswith(("`", " ")) or text.endswith(("`", " "))):
        text = f" {text} "  # CommonMark strips one space on each side of such content
    return f"{fence}{text}{fence}"


def fenced_code(text: str, info: str = "") -> str:
    """A fenced code block holding `text` verbatim; `info` is our own language tag."""
    if not re.fullmatch(r"[A-Za-z0-9_+-]*", info):
        raise ValueError(f"unsafe info string {info!r}")
    body = _BIDI.sub("\ufffd", text).rstrip("\n")
    fence = _fence_for(body, 3)
    return f"{fence}{info}\n{body}\n{fence}"
