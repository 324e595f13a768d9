"""Spring Boot configuration files (`application*.properties`, `application*.yml`,
`bootstrap*.yml`): actuator web exposure, secrets written as literals, the default user's
password. Keys are flattened with dots (`spring.datasource.password`)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from threatdelta.extractors.openapi.loader import load_structured
from threatdelta.extractors.openapi.tree import LoadedDocument, YamlMap, YamlSeq, YamlValue
from threatdelta.model.base import Location, Notification, Tri
from threatdelta.model.facts import CodeFact, FactKind
from threatdelta.model.secret_literals import is_real_secret, is_secret_name, known_token

EXPOSURE = "management.endpoints.web.exposure.include"
_DEFAULT_USER = "spring.security.user.name"
_DEFAULT_USER_PASSWORD = "spring.security.user.password"
_MAX_DEPTH = 64
_FALSE = frozenset({"false"})


@dataclass(frozen=True)
class Setting:
    key: str
    value: str
    line: int


def read_properties(text: str) -> list[Setting]:
    """`key=value`, `key: value` and `key value` lines; `#`/`!` comments; `\\` continues."""
    out: list[Setting] = []
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        start = index
        line = lines[index].strip()
        while line.endswith("\\") and index + 1 < len(lines):
            index += 1
            line = line[:-1] + lines[index].strip()
        index += 1
        if not line or line[0] in "#!":
            continue
        key, value = _split(line)
        if key:
            out.append(Setting(key, value, start + 1))
    return out


def _split(line: str) -> tuple[str, str]:
    """Key up to the first `=`, `:` or blank; the value after blanks and one separator."""
    cut = min((line.find(c) for c in "=: \t" if c in line), default=len(line))
    rest = line[cut:].lstrip(" \t")
    if rest[:1] in ("=", ":"):
        rest = rest[1:]
    return line[:cut].strip(), rest.strip()


def read_yaml(text: str, path: str) -> tuple[list[Setting], list[Notification]]:
    loaded = load_structured(text, path)
    if isinstance(loaded, Notification):
        return [], [loaded]
    return [s for doc in _documents(loaded) for s in _flatten(doc, "", 1, 0)], list(
        loaded.notifications
    )


def _documents(loaded: LoadedDocument) -> Iterator[YamlMap]:
    yield from (d for d in loaded.documents if isinstance(d, YamlMap))


def _flatten(value: YamlValue, prefix: str, line: int, depth: int) -> Iterator[Setting]:
    if depth > _MAX_DEPTH:
        return
    if isinstance(value, YamlMap):
        for key, item in value.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            yield from _flatten(item, name, value.line_of(key), depth + 1)
    elif isinstance(value, YamlSeq):
        if all(not isinstance(v, YamlMap | YamlSeq) for v in value):
            yield Setting(prefix, ",".join(_scalar(v) for v in value), line)
        else:
            for i, item in enumerate(value):
                yield from _flatten(item, f"{prefix}[{i}]", value.spans[i][0], depth + 1)
    elif value is not None:
        yield Setting(prefix, _scalar(value), line)


def _scalar(value: YamlValue) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def setting_facts(path: str, settings: list[Setting]) -> list[CodeFact]:
    facts: list[CodeFact] = []
    user = next(
        (s.value.strip("\"' ") for s in settings if _relaxed(s.key) == _relaxed(_DEFAULT_USER)),
        "user",  # Spring Boot's default user name
    )
    for s in settings:
        where = Location(path=path, start_line=s.line, end_line=s.line)
        value = s.value.strip().strip("\"'")
        if _relaxed(s.key) == _relaxed(EXPOSURE):
            facts.append(
                _fact(FactKind.MANAGEMENT_ENDPOINTS_EXPOSED, where, value.replace(" ", ""))
            )
        flag = _flag_fact(s, value, where)
        if flag is not None:
            facts.append(flag)
        secret = is_secret_name(s.key.replace(".", "_").replace("-", "_")) and is_real_secret(value)
        token = known_token(value)
        if secret or token:
            facts.append(_fact(FactKind.HARDCODED_SECRET, where, s.key, token or ""))
        if (
            _relaxed(s.key) == _relaxed(_DEFAULT_USER_PASSWORD)
            and value
            and not value.startswith(("${", "{bcrypt}", "{argon2}", "{scrypt}", "{pbkdf2}"))
        ):
            detail = f"{s.key} set to a literal"
            facts.append(_fact(FactKind.PLAINTEXT_PASSWORD, where, user or "user", detail))
    return facts


# literal settings that switch a protection off: relaxed key -> (values, fact kind, detail)
_FLAGS: dict[str, tuple[frozenset[str], FactKind, str]] = {
    "server.servlet.session.cookie.secure": (_FALSE, FactKind.INSECURE_COOKIE, "missing Secure"),
    "server.servlet.session.cookie.httponly": (
        _FALSE,
        FactKind.INSECURE_COOKIE,
        "missing HttpOnly",
    ),
    "server.servlet.session.cookie.samesite": (
        frozenset({"none"}),
        FactKind.INSECURE_COOKIE,
        "missing SameSite",
    ),
    "server.reactive.session.cookie.secure": (_FALSE, FactKind.INSECURE_COOKIE, "missing Secure"),
    "server.reactive.session.cookie.httponly": (
        _FALSE,
        FactKind.INSECURE_COOKIE,
        "missing HttpOnly",
    ),
    "server.error.includestacktrace": (
        frozenset({"always", "onparam", "on_param", "on-param"}),
        FactKind.ERROR_TEXT_RETURNED,
        "stack traces in error responses",
    ),
    "server.error.includemessage": (
        frozenset({"always"}),
        FactKind.ERROR_TEXT_RETURNED,
        "exception messages in error responses",
    ),
    "server.error.includeexception": (
        frozenset({"true"}),
        FactKind.ERROR_TEXT_RETURNED,
        "exception class names in error responses",
    ),
    "spring.h2.console.enabled": (
        frozenset({"true"}),
        FactKind.DEBUG_ENABLED,
        "H2 web console enabled",
    ),
}


def _flag_fact(setting: Setting, value: str, where: Location) -> CodeFact | None:
    found = _FLAGS.get(_relaxed(setting.key).replace("-", ""))
    if found is None or value.lower() not in found[0]:
        return None
    return _fact(found[1], where, setting.key, found[2])


def _relaxed(key: str) -> str:
    """Spring's relaxed binding: `exposure.include`, `exposure-include` and case agree."""
    return key.replace("-", "").replace("_", "").lower()


def _fact(kind: FactKind, where: Location, name: str, detail: str = "") -> CodeFact:
    return CodeFact(kind=kind, location=where, name=name, from_input=Tri.NO, detail=detail)
