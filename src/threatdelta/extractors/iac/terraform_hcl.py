"""Parse HCL text with python-hcl2 into plain blocks and arguments that keep their lines.

Nothing is evaluated. Each argument's value is rendered as text:

- a string or heredoc literal: its text, escapes resolved (`"public-read"` -> `public-read`);
  a string template keeps its interpolations as written (`"${var.env}-logs"`);
- a number, `true`/`false`, `null`: as written in JSON;
- a list or object literal, and `jsonencode(<literal>)`: compact JSON of the structure, with
  the expressions inside as `${...}` strings (`structured` is then true);
- a string or heredoc whose text is a JSON object or array: that JSON made compact, so a
  reformatted policy renders the same;
- any other expression: `${<expression>}` (`var.acl` -> `${var.acl}`).

This module imports python-hcl2 (and lark); the extractor imports it when it first reads a
`.tf` file, so a run without Terraform files does not pay for it.
"""

from __future__ import annotations

import json
import re
import textwrap
from dataclasses import dataclass
from typing import Any

import hcl2
from hcl2.rules.base import AttributeRule, BlockRule, BodyRule
from hcl2.rules.expressions import ExprTermRule
from hcl2.rules.functions import FunctionCallRule
from hcl2.rules.strings import HeredocTemplateRule, HeredocTrimTemplateRule
from hcl2.utils import (
    HEREDOC_PATTERN,
    HEREDOC_TRIM_PATTERN,
    SerializationContext,
    SerializationOptions,
)
from lark.exceptions import LarkError, UnexpectedInput

from threatdelta.model.base import Level, Notification

_MAX_BLOCK_DEPTH = 32
_CLOSING_LINE = re.compile(r"\r?\n[ \t]*\Z")  # the line break and indent before the marker


@dataclass(frozen=True)
class HclArgument:
    name: str
    value: str
    structured: bool  # a list or object (never spliced into a string template)
    start: int
    end: int


@dataclass(frozen=True)
class HclBlock:
    type: str  # resource, variable, website, ...
    labels: tuple[str, ...]
    start: int
    end: int
    arguments: tuple[HclArgument, ...]
    blocks: tuple[HclBlock, ...]


def parse_hcl(text: str, path: str) -> tuple[HclBlock, ...] | Notification:
    """The top-level blocks of an HCL file, or the one notification saying why it cannot be
    read (`parse-error` naming the line, `too-deeply-nested`)."""
    body = parse_hcl_body(text, path)
    return body if isinstance(body, Notification) else body.blocks


def parse_hcl_body(text: str, path: str) -> HclBlock | Notification:
    """The whole file as one block (type `""`): its top-level arguments (a tfvars file's
    values) and blocks, or the notification saying why it cannot be read."""
    try:
        start = hcl2.parses(text)
        lines = (1, max(1, text.count("\n")))
        arguments = tuple(
            _argument(child, lines)
            for child in start.body.children
            if isinstance(child, AttributeRule)
        )
        blocks = tuple(_blocks(start.body, 0))
        return HclBlock("", (), 1, lines[1], arguments, blocks)
    except UnexpectedInput as exc:
        line = getattr(exc, "line", None)
        where = f"at line {line}" if isinstance(line, int) and line > 0 else "(line unknown)"
        return _note("parse-error", f"HCL syntax error {where}; skipped", path)
    except RecursionError:
        return _note("too-deeply-nested", "HCL nested too deeply to analyse; skipped", path)
    except (LarkError, ValueError, RuntimeError, UnicodeError) as exc:
        message = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        return _note("parse-error", f"cannot read this HCL: {message}; skipped", path)


def _note(code: str, message: str, path: str) -> Notification:
    return Notification(level=Level.WARNING, code=code, message=message, path=path)


def _lines(node: Any, fallback: tuple[int, int]) -> tuple[int, int]:
    """The node's first and last line from lark's position metadata (python-hcl2 keeps it
    on `_meta` and has no public accessor), else `fallback`: the enclosing block's."""
    meta = getattr(node, "_meta", None)
    start = getattr(meta, "line", None)
    end = getattr(meta, "end_line", None)
    if not isinstance(start, int) or not isinstance(end, int) or start < 1 or end < start:
        return fallback
    if end > start and getattr(meta, "end_column", None) == 1:
        end -= 1  # the span ends with a line break (a heredoc's closing marker line)
    return start, end


def _blocks(body: BodyRule, depth: int, within: tuple[int, int] = (1, 1)) -> list[HclBlock]:
    if depth > _MAX_BLOCK_DEPTH:
        return []
    return [_block(child, depth, within) for child in body.children if isinstance(child, BlockRule)]


def _block(node: BlockRule, depth: int, within: tuple[int, int]) -> HclBlock:
    start, end = _lines(node, within)
    labels = [str(_serialize(label)) for label in node.labels]
    arguments = [
        _argument(child, (start, end))
        for child in node.body.children
        if isinstance(child, AttributeRule)
    ]
    return HclBlock(
        type=labels[0],
        labels=tuple(labels[1:]),
        start=start,
        end=end,
        arguments=tuple(arguments),
        blocks=tuple(_blocks(node.body, depth + 1, (start, end))),
    )


def _argument(node: AttributeRule, within: tuple[int, int]) -> HclArgument:
    start, end = _lines(node, within)
    value, structured = render(node.expression)
    return HclArgument(
        name=str(_serialize(node.identifier)),
        value=value,
        structured=structured,
        start=start,
        end=end,
    )


def _options() -> SerializationOptions:
    return SerializationOptions(
        with_comments=False,
        explicit_blocks=False,
        strip_string_quotes=True,
        preserve_heredocs=False,
    )


def _serialize(node: Any) -> Any:
    return node.serialize(_options(), SerializationContext())


def _unwrapped(expression: Any) -> Any:
    """The expression inside an unparenthesised expression term."""
    while isinstance(expression, ExprTermRule) and not expression.parentheses:
        expression = expression.expression
    return expression


def _jsonencoded(expression: Any) -> Any:
    """The literal structure `jsonencode(...)` is given, else None."""
    call = _unwrapped(expression)
    if not isinstance(call, FunctionCallRule):
        return None
    names = [str(_serialize(i)) for i in call.identifiers]
    arguments = call.arguments.arguments if call.arguments is not None else []
    if names != ["jsonencode"] or len(arguments) != 1:
        return None
    value = _serialize(arguments[0])
    return value if isinstance(value, dict | list) else None


def _heredoc(rule: HeredocTemplateRule) -> str:
    """A heredoc's text, `<<-` indentation removed (python-hcl2 8 escapes the quotes of an
    indented heredoc even when asked for its value, so the token is read here)."""
    trim = isinstance(rule, HeredocTrimTemplateRule)
    token = str(rule.heredoc.serialize(_options(), SerializationContext()))
    match = (HEREDOC_TRIM_PATTERN if trim else HEREDOC_PATTERN).match(token)
    if match is None:
        return token
    text = _CLOSING_LINE.sub("", match.group(2))
    return textwrap.dedent(text) if trim else text


def render(expression: Any) -> tuple[str, bool]:
    """An expression as text (see the module docstring) and whether it is a structure."""
    inner = _unwrapped(expression)
    if isinstance(inner, HeredocTemplateRule):
        return as_text(_heredoc(inner))
    encoded = _jsonencoded(inner)
    return as_text(encoded if encoded is not None else _serialize(expression))


def as_text(value: object) -> tuple[str, bool]:
    if isinstance(value, dict | list):
        return _compact(value), True
    if isinstance(value, str):
        return _json_text(value), False
    if value is None or isinstance(value, bool | int | float):
        return json.dumps(value), False
    return str(value), False


def _compact(value: object) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False, default=str)


def _json_text(text: str) -> str:
    """A string holding a JSON object or array (an inline policy) as compact JSON."""
    stripped = text.strip()
    if not stripped.startswith(("{", "[")):
        return text
    try:
        value = json.loads(stripped)
    except (ValueError, RecursionError):
        return text
    return _compact(value) if isinstance(value, dict | list) else text
