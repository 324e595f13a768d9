"""Audit logging for JavaScript and TypeScript modules that have no logger of their own.

In Node `console` is the module's built-in logger: no import, no set-up, its lines go to the
process's standard streams, which a container platform or process manager collects. A
module that binds no logger and imports no logging library gets one structured line,
`console.info(JSON.stringify({ audit: "<METHOD> <path>" }))`; nothing is invented. A module
that imports a logging library (winston, pino, ...) or a logger under another name, or that
rebinds `console`, gets no console line: its own logging would be bypassed.

A handler whose arrow function has an expression body (`async (_, { id }) => db.x(id)`)
gets a block body first: `{`, the log line, `return <expression>;`, `}`.
"""

from __future__ import annotations

import re

from tree_sitter import Node

from threatdelta.extractors.base import SourceFile as ExtractedFile
from threatdelta.extractors.web.js_source import JsParsers, Parsed
from threatdelta.findings.edit import TextEdit
from threatdelta.remediation.edits import indentation
from threatdelta.remediation.families.handler_source import HandlerSource

_LOG_LIBRARIES = re.compile(
    r"""(?:require\(\s*|from\s*)['"](?:winston|pino|bunyan|log4js|signale|loglevel|"""
    r"""consola|roarr|tslog|npmlog|@nestjs/common|"""
    r"""(?:[^'"]*/)?(?:log|logs|logger|logging)(?:\.[cm]?[jt]s)?)['"]"""
)
_OTHER_LOGGER = re.compile(r"\b(?:const|let|var)\s+\w*(?:[lL]ogger|Log)\b\s*=")
_CONSOLE_REBOUND = re.compile(r"\bconsole\b(?!\s*\.)")


def console_call(source: HandlerSource) -> str | None:
    """The audit line written with `console`, or None when the module has logging of its own
    or `console` may not be Node's."""
    text = source.text
    if _LOG_LIBRARIES.search(text) or _OTHER_LOGGER.search(text):
        return None
    if _CONSOLE_REBOUND.search(text):
        return None
    endpoint = source.endpoint
    quote = source.quote
    action = f"{endpoint.method} {endpoint.path}".replace("\\", "\\\\").replace(quote, "\\" + quote)
    return f"console.info(JSON.stringify({{ audit: {quote}{action}{quote} }}))"


def concise_body_edit(source: HandlerSource, statement: str, end: str) -> TextEdit | None:
    """The handler's arrow function with an expression body turned into a block that runs
    `statement` then returns the expression; None when the span holds no such arrow or the
    file does not parse."""
    parsed = JsParsers().parse(ExtractedFile(path=source.path, text=source.text), "remediation")
    if not isinstance(parsed, Parsed) or parsed.notes:
        return None
    arrow = _first_concise_arrow(parsed.root, source.start, source.end)
    body = arrow.child_by_field_name("body") if arrow is not None else None
    token = next((c for c in arrow.children if c.type == "=>"), None) if arrow else None
    if body is None or token is None:
        return None
    first, last = token.start_point.row + 1, body.end_point.row + 1
    if body.start_point.row - token.end_point.row > 1:
        return None  # comments or blank lines between the arrow and its body
    base = indentation(source.line(first))
    inner = base + source.style.indent_unit
    head = source.line(first).encode()[: token.end_point.column].decode() + " {"
    expression = _text_lines(source, body)
    unit = "" if _multiline_string(body) else source.style.indent_unit
    returned = [
        inner + "return " + expression[0],
        *(unit + line if line.strip() else line for line in expression[1:]),
    ]
    returned[-1] += end
    tail = base + "}" + source.line(last).encode()[body.end_point.column :].decode()
    lines = (head, inner + statement, *returned, tail)
    return TextEdit(path=source.path, start=first, end=last, lines=lines)


_FUNCTIONS = frozenset(
    {"arrow_function", "function_expression", "function", "function_declaration"}
    | {"method_definition", "generator_function", "generator_function_declaration"}
)


def _first_concise_arrow(root: Node, start: int, end: int) -> Node | None:
    """The outermost function that starts in the span, when it is an arrow function with an
    expression body."""
    stack = [root]
    while stack:
        node = stack.pop()
        row = node.start_point.row + 1
        if node.end_point.row + 1 < start or row > end:
            continue
        if node.type in _FUNCTIONS and start <= row:
            body = node.child_by_field_name("body")
            if node.type != "arrow_function" or body is None or body.type == "statement_block":
                return None
            return node
        stack.extend(reversed(node.named_children))
    return None


def _multiline_string(node: Node) -> bool:
    """A template literal over several lines: indenting its lines would change its text."""
    stack = [node]
    while stack:
        current = stack.pop()
        if current.type in ("template_string", "string") and (
            current.start_point.row != current.end_point.row
        ):
            return True
        stack.extend(current.named_children)
    return False


def _text_lines(source: HandlerSource, node: Node) -> list[str]:
    """The source lines of `node`, from its first column to its last."""
    first, last = node.start_point.row + 1, node.end_point.row + 1
    lines = [source.line(n).encode() for n in range(first, last + 1)]
    lines[-1] = lines[-1][: node.end_point.column]
    lines[0] = lines[0][node.start_point.column :]
    return [line.decode() for line in lines]
