"""A Go file's imports and which web framework each package name stands for; route path
templates of each framework in the model's `{name}` form."""

from __future__ import annotations

import re
from enum import StrEnum

from tree_sitter import Node

from threatdelta.extractors.web.golang.syntax import string_value, text_of


class Framework(StrEnum):
    NET_HTTP = "net/http"
    GIN = "gin"
    ECHO = "echo"
    CHI = "chi"
    GORILLA = "gorilla/mux"


_FRAMEWORK_PATHS = (
    ("github.com/gin-gonic/gin", Framework.GIN),
    ("gopkg.in/gin-gonic/gin", Framework.GIN),
    ("github.com/labstack/echo", Framework.ECHO),
    ("github.com/go-chi/chi", Framework.CHI),
    ("github.com/pressly/chi", Framework.CHI),
    ("github.com/gorilla/mux", Framework.GORILLA),
)
_VERSION = re.compile(r"^v\d+$")
_GOPKG_VERSION = re.compile(r"\.v\d+$")
_STANDARD = re.compile(
    r"^(bufio|bytes|context|crypto|database|encoding|errors|expvar|flag|fmt|html|io|log|math|"
    r"mime|net|os|path|reflect|regexp|runtime|sort|strconv|strings|sync|syscall|text|time)(/|$)"
)


class Imports:
    """Package name in this file -> import path (`h` -> `example.com/app/handlers`)."""

    def __init__(self, root: Node) -> None:
        self.paths: dict[str, str] = {}
        self.blank: list[tuple[str, Node]] = []  # `import _ "net/http/pprof"`
        for spec in (n for n in root.named_children if n.type == "import_declaration"):
            for item in _specs(spec):
                path = string_value(item.child_by_field_name("path")) or ""
                alias = text_of(item.child_by_field_name("name"))
                if alias == "_":
                    self.blank.append((path, item))
                elif alias != ".":
                    self.paths[alias or default_name(path)] = path

    def framework(self, package: str) -> Framework | None:
        path = self.paths.get(package)
        if path is None:
            return None
        if path == "net/http":
            return Framework.NET_HTTP
        for prefix, framework in _FRAMEWORK_PATHS:
            if path == prefix or path.startswith((prefix + "/", prefix + ".v")):
                return framework
        return None

    def is_package(self, name: str) -> bool:
        return name in self.paths

    def imports(self, path: str) -> bool:
        return path in self.paths.values() or any(p == path for p, _ in self.blank)


def is_standard(path: str) -> bool:
    """A package of the standard library (`net/http`, `os/exec`)."""
    return bool(_STANDARD.match(path))


def default_name(path: str) -> str:
    """The package name an import path gives by default (`.../chi/v5` -> `chi`)."""
    parts = [p for p in path.split("/") if p]
    while len(parts) > 1 and _VERSION.match(parts[-1]):
        parts.pop()
    last = _GOPKG_VERSION.sub("", parts[-1]) if parts else path  # gopkg.in/x/gin.v1 -> gin
    return last.removeprefix("go-")


def _specs(declaration: Node) -> list[Node]:
    out: list[Node] = []
    for child in declaration.named_children:
        if child.type == "import_spec":
            out.append(child)
        elif child.type == "import_spec_list":
            out.extend(c for c in child.named_children if c.type == "import_spec")
    return out


_COLON = re.compile(r":([A-Za-z_][A-Za-z0-9_]*)")
_STAR = re.compile(r"\*([A-Za-z_][A-Za-z0-9_]*)")
_BRACED = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)(?::[^{}]*(?:\{[^{}]*\}[^{}]*)*)?(?:\.\.\.)?\}")


def template(path: str, framework: Framework) -> str:
    """A route path in `{name}` form: gin/echo `:id` and `*rest`, chi and gorilla `{id}`
    and `{id:[0-9]+}`, `net/http` `{id}`, `{rest...}`, and `{$}` (dropped)."""
    path = _BRACED.sub(r"{\1}", path.replace("{$}", ""))
    if framework in (Framework.GIN, Framework.ECHO, Framework.CHI):  # chi before v2: `:id`
        path = _STAR.sub(r"{\1}", _COLON.sub(r"{\1}", path))
    return path


_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "CONNECT", "TRACE")


def split_pattern(pattern: str) -> tuple[str, str]:
    """A Go 1.22 `ServeMux` pattern -> (method or "", path): `POST /items/{id}`,
    `GET example.com/x` (the host is dropped)."""
    method, _, rest = pattern.strip().partition(" ")
    if method in _METHODS and rest.strip():
        pattern = rest.strip()
    else:
        method = ""
    if not pattern.startswith("/") and "/" in pattern:
        pattern = "/" + pattern.partition("/")[2]
    return method, pattern
