"""Audit logging for handlers in brace languages: an Express callback, a NestJS controller
method, a Spring controller method (Java or Kotlin). One log call goes on the first line of
the handler body, with the logger the module already has; NestJS and Spring controllers
without one get the framework's own (`Logger` from '@nestjs/common', SLF4J), other
JavaScript Node's built-in `console` (`audit_console`)."""

from __future__ import annotations

import re

from threatdelta.findings.edit import TextEdit
from threatdelta.remediation.edits import indentation
from threatdelta.remediation.families.audit_console import concise_body_edit, console_call
from threatdelta.remediation.families.handler_source import HandlerSource
from threatdelta.remediation.families.script_imports import named_import_edit

_OPENS_BODY = re.compile(r"(=>|\)|\):\s*[\w<>\[\], .?]+|\bthrows\s+[\w., ]+)\s*\{\s*$")
_SCRIPT_LOGGER = re.compile(
    r"^\s*(?:import\s+(?:\{[^}]*\b(?P<a>logger|log)\b[^}]*\}|(?P<b>logger|log)\b)"
    r"|(?:const|let|var)\s+(?P<c>logger|log)\s*=)",
    re.MULTILINE,
)
_CLASS = re.compile(r"^(?P<indent>\s*)(?:export\s+)?(?:public\s+)?(?:\w+\s+)*class\s+(?P<name>\w+)")


def body_opening(source: HandlerSource) -> int | None:
    """The line that opens the handler's body: the first line in the threat's span, outside
    annotations and decorators, that ends with `{` after a parameter list or arrow."""
    for number in range(source.start, source.end + 1):
        text = source.line(number).rstrip()
        if text.lstrip().startswith(("@", "//", "*", "/*")):
            continue
        if _OPENS_BODY.search(text):
            return number
    return None


def _statement(source: HandlerSource, opening: int, call: str) -> TextEdit:
    base = indentation(source.line(opening))
    following = source.line(opening + 1)
    inner = indentation(following)
    indent = (
        inner if following.strip() and len(inner) > len(base) else base + source.style.indent_unit
    )
    return TextEdit(path=source.path, start=opening + 1, end=opening, lines=(indent + call,))


def _message(source: HandlerSource) -> str:
    quote = '"' if source.path.endswith((".java", ".kt", ".kts")) else source.quote
    text = f"audit: {source.endpoint.method} {source.endpoint.path}"
    if source.path.endswith((".kt", ".kts")):
        text = text.replace("$", "\\$")
    return quote + text.replace("\\", "\\\\").replace(quote, "\\" + quote) + quote


def script_edits(source: HandlerSource) -> tuple[TextEdit, ...] | None:
    """Express-style handler or GraphQL resolver: the module's imported or declared
    `logger`/`log`, else Node's `console` (see `audit_console`)."""
    if "@nestjs/common" in source.text:
        return _nest_edits(source)
    found = _SCRIPT_LOGGER.search(source.text)
    if found is not None:
        name = found.group("a") or found.group("b") or found.group("c")
        call: str | None = f"{name}.info({_message(source)})"
    else:
        call = console_call(source)
    if call is None:
        return None
    semicolon = ";" if ";" + source.style.newline in source.text else ""
    concise = concise_body_edit(source, call + semicolon, semicolon)
    if concise is not None:
        return (concise,)
    opening = body_opening(source)
    return None if opening is None else (_statement(source, opening, call + semicolon),)


def _enclosing_class(source: HandlerSource, before: int) -> tuple[int, str, str] | None:
    for number in range(before - 1, 0, -1):
        found = _CLASS.match(source.line(number))
        if found and source.line(number).rstrip().endswith("{"):
            return number, found.group("name"), found.group("indent")
    return None


def _nest_edits(source: HandlerSource) -> tuple[TextEdit, ...] | None:
    opening = body_opening(source)
    owner = _enclosing_class(source, opening) if opening is not None else None
    if opening is None or owner is None:
        return None
    existing = re.search(r"\b(\w+)\s*=\s*new Logger\(", source.text)
    name = existing.group(1) if existing else "logger"
    statement = _statement(source, opening, f"this.{name}.log({_message(source)});")
    if existing:
        return (statement,)
    imports = named_import_edit(
        source.path, source.lines, source.quote, "@nestjs/common", ["Logger"]
    )
    if imports is None and not re.search(r"\bLogger\b[^;]*from\s*['\"]@nestjs/common", source.text):
        return None
    line, name, indent = owner
    unit = source.style.indent_unit
    field = f"{indent}{unit}private readonly logger = new Logger({name}.name);"
    declare = TextEdit(path=source.path, start=line + 1, end=line, lines=(field, ""))
    return (*([imports] if imports else []), declare, statement)


def jvm_edits(source: HandlerSource) -> tuple[TextEdit, ...] | None:
    """Spring controller method: the class's SLF4J logger, or a new one."""
    opening = body_opening(source)
    owner = _enclosing_class(source, opening) if opening is not None else None
    if opening is None or owner is None:
        return None
    kotlin = source.path.endswith((".kt", ".kts"))
    semicolon = "" if kotlin else ";"
    found = re.search(r"\b(?:val|Logger)\s+(log|logger|LOG|LOGGER)\s*=", source.text)
    name = found.group(1) if found else "log"
    who = _jvm_principal(source, opening, kotlin)
    message = _message(source)
    call = (
        f"{name}.info({message[:-1]} by {{}}{message[-1]}, {who})"
        if who
        else f"{name}.info({message})"
    )
    statement = _statement(source, opening, call + semicolon)
    if found:
        return (statement,)
    line, cls, indent = owner
    unit = source.style.indent_unit
    field = (
        f"{indent}{unit}private val log = LoggerFactory.getLogger({cls}::class.java)"
        if kotlin
        else f"{indent}{unit}private static final Logger log = "
        f"LoggerFactory.getLogger({cls}.class);"
    )
    imports = _jvm_imports(source, kotlin)
    if imports is None:
        return None
    return (
        *imports,
        TextEdit(path=source.path, start=line + 1, end=line, lines=("", field)),
        statement,
    )


def _jvm_imports(source: HandlerSource, kotlin: bool) -> tuple[TextEdit, ...] | None:
    end = "" if kotlin else ";"
    wanted = [f"import org.slf4j.Logger{end}", f"import org.slf4j.LoggerFactory{end}"]
    if kotlin:
        wanted = wanted[1:]
    imports = [n for n, t in enumerate(source.lines, start=1) if t.startswith("import ")]
    present = {source.line(n).strip() for n in imports}
    wanted = [w for w in wanted if w not in present]
    if not imports:
        return None
    if not wanted:
        return ()
    later = [n for n in imports if source.line(n) > wanted[0]]
    at = later[0] if later else imports[-1] + 1
    return (TextEdit(path=source.path, start=at, end=at - 1, lines=tuple(wanted)),)


def _jvm_principal(source: HandlerSource, opening: int, kotlin: bool) -> str | None:
    """The caller's name when the handler takes the principal (`Principal p`,
    `Authentication a`, Kotlin `p: Principal`)."""
    signature = " ".join(source.line(n) for n in range(source.start, opening + 1))
    pattern = (
        r"\b(\w+)\s*:\s*(?:Principal|Authentication)\b"
        if kotlin
        else r"\b(?:Principal|Authentication)\s+(\w+)\s*[,)]"
    )
    found = re.search(pattern, signature)
    if found is None:
        return None
    return f"{found.group(1)}.name" if kotlin else f"{found.group(1)}.getName()"
