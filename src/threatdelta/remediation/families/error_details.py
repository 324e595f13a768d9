"""Generic error responses, details to the log (TD-I001).

On the flagged line the exception text sent to the client (`str(exc)`, `err.message`,
`e.getMessage()`, `err.Error()`) is dropped: an object or dict entry that carries it is
removed, any other use becomes a generic message. A log line before it records the
details with the logger the module already has (Python `logger = logging.getLogger(...)`,
a JavaScript `logger`, a Java/Kotlin `Logger` field, Go `slog` or `log`); without one,
Python uses `logging` and JavaScript `console.error`, Java, Kotlin and Go get no patch.
Safe: only what the client is told changes.
"""

from __future__ import annotations

import re

from threatdelta.findings.edit import TextEdit
from threatdelta.findings.threat import Applicability
from threatdelta.remediation.base import FixRequest, Patch
from threatdelta.remediation.edits import indentation
from threatdelta.remediation.families.python_imports import import_edit, parse_module
from threatdelta.remediation.families.source_file import SourceFile, editable_file, primary_location

_NAMES = r"(?:e|ex|err|error|exc|exception|\w+(?:Error|Exception|_exc|_err))"
_LEAKS = {
    "py": rf"(?:str|repr)\((?P<v>{_NAMES})\)|traceback\.format_exc\(\)",
    "js": rf"\(\s*(?P<v>{_NAMES}) as \w+\)\.(?:message|stack)|(?P<w>{_NAMES})\.(?:message|stack)"
    rf"|String\((?P<u>{_NAMES})\)",
    "java": rf"(?P<v>{_NAMES})\.(?:getMessage|getLocalizedMessage|toString)\(\)"
    rf"|(?P<w>{_NAMES})\.(?:message|localizedMessage)\b",
    "go": rf"(?P<v>{_NAMES})\.Error\(\)",
}
_LANGUAGES = {
    ".py": "py", ".js": "js", ".ts": "js", ".mjs": "js", ".cjs": "js", ".jsx": "js",
    ".tsx": "js", ".java": "java", ".kt": "java", ".go": "go",
}  # fmt: skip
_ENTRY = r",\s*[\"']?\w+[\"']?\s*:\s*(?:{leak})(?=\s*[}}),])"
_PY_LOGGER = re.compile(r"^(\w+)\s*=\s*(?:logging\.)?getLogger\(", re.MULTILINE)
_JS_LOGGER = re.compile(r"\b(logger|log)\b\s*(?:[,}]|=|from)")
_JVM_LOGGER = re.compile(r"\b(\w+)\s*(?::\s*Logger\b|=\s*(?:LoggerFactory|KotlinLogging)\b)")
_JVM_FIELD = re.compile(r"\bLogger\s+(\w+)\s*=")
_MESSAGE = "request failed"


class ErrorDetails:
    name = "error-details"
    rules = frozenset({"TD-I001"})

    def propose(self, request: FixRequest) -> Patch | None:
        where = primary_location(request.threat)
        language = _LANGUAGES.get("." + where.path.rpartition(".")[2], "")
        source = editable_file(request, where.path) if language else None
        if source is None:
            return None
        line = source.line(where.start_line)
        found = re.search(_LEAKS[language], line)
        if found is None:
            return None
        variable = next((v for v in found.groups() if v), "")
        logged = _log_lines(source, language, variable, indentation(line))
        if logged is None:
            return None
        new = _without_leak(line, found, language, source.quote)
        edits = [TextEdit(path=where.path, start=where.start_line, end=where.start_line,
                          lines=(*logged[0], new))]  # fmt: skip
        edits.extend(logged[1])
        return Patch(
            threat_id=request.threat.id,
            rule_id=request.threat.rule_id,
            family=self.name,
            applicability=Applicability.SAFE,
            summary="Send a generic error message to the client and log the details.",
            edits=tuple(sorted(edits, key=lambda e: e.start)),
        )


def _without_leak(line: str, found: re.Match[str], language: str, quote: str) -> str:
    entry = re.compile(_ENTRY.format(leak=re.escape(found.group(0))))
    if entry.search(line):
        return entry.sub("", line, count=1)
    q = quote if language in {"py", "js"} else '"'
    return line[: found.start()] + f"{q}{_MESSAGE}{q}" + line[found.end() :]


def _log_lines(
    source: SourceFile, language: str, variable: str, indent: str
) -> tuple[tuple[str, ...], list[TextEdit]] | None:
    """The log line(s) to put before the flagged line, and any import it needs."""
    if language == "py":
        return _python_log(source, indent)
    if language == "js":
        logger = _JS_LOGGER.search(source.text)
        q = source.quote
        if logger is None:
            return (f"{indent}console.error({variable});",), []
        if re.search(rf"\b{logger.group(1)}\.\w+\(\{{", source.text):
            fields = "err" if variable == "err" else f"err: {variable}"
            return (f"{indent}{logger.group(1)}.error({{ {fields} }}, {q}{_MESSAGE}{q});",), []
        return (f"{indent}{logger.group(1)}.error({q}{_MESSAGE}{q}, {variable});",), []
    if language == "java":
        logger = _JVM_FIELD.search(source.text) or _JVM_LOGGER.search(source.text)
        if logger is None:
            return None
        semicolon = ";" if source.path.endswith(".java") else ""
        return (f'{indent}{logger.group(1)}.error("{_MESSAGE}", {variable}){semicolon}',), []
    if re.search(r'^\s*"log/slog"', source.text, re.MULTILINE):
        return (f'{indent}slog.Error("{_MESSAGE}", "err", {variable})',), []
    if re.search(r'^\s*(?:import\s+)?"log"', source.text, re.MULTILINE):
        return (f'{indent}log.Printf("{_MESSAGE}: %v", {variable})',), []
    return None


def _python_log(source: SourceFile, indent: str) -> tuple[tuple[str, ...], list[TextEdit]] | None:
    tree = parse_module(source.text)
    if tree is None:
        return None
    logger = _PY_LOGGER.search(source.text)
    if logger is not None:
        return (f'{indent}{logger.group(1)}.exception("{_MESSAGE}")',), []
    imported = import_edit(source.path, tree, "logging")
    line = f'{indent}logging.getLogger(__name__).exception("{_MESSAGE}")'
    return (line,), [] if imported is None else [imported]
