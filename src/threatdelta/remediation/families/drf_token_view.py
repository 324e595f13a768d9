"""What the fix families for token views that DRF or a JWT package ships share (audit logging,
TD-R002; rate limiting, TD-D001): their code is not in the repository, so a control goes on a
project subclass.

A URLconf that routes the library view by its bare name gets the subclass beside the route
(before the statement that holds it), and the route then names the subclass's `as_view()`
(`obtain_auth_token`, an alias of `ObtainAuthToken.as_view()`, has its import swapped for the
class when nothing else uses it). Once a subclass that a URLconf module declares and routes
exists (written by the other family), a family adds its control to that class's body
instead, so the two patches compose: applied in turn, each is proven on the other's result.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from typing import Protocol

from threatdelta.findings.edit import TextEdit
from threatdelta.model.elements import Endpoint
from threatdelta.remediation.edits import FileConventions
from threatdelta.remediation.families.python_source import insertions, module_names

Wanted = list[tuple[int, tuple[str, ...]]]
_SIMPLEJWT = "rest_framework_simplejwt.views"
# the token views of `django_library_views.KNOWN`: routed name -> (module, view class)
TOKEN_VIEWS = {
    "obtain_auth_token": ("rest_framework.authtoken.views", "ObtainAuthToken"),
    "ObtainAuthToken": ("rest_framework.authtoken.views", "ObtainAuthToken"),
    # not `obtain_jwt_token`: its class is `ObtainJSONWebToken` in django-rest-framework-jwt
    # and `ObtainJSONWebTokenView` in drf-jwt, which share the module name
    "ObtainJSONWebToken": ("rest_framework_jwt.views", "ObtainJSONWebToken"),
    "ObtainJSONWebTokenView": ("rest_framework_jwt.views", "ObtainJSONWebTokenView"),
    **{
        name: (_SIMPLEJWT, name)
        for name in (
            "TokenObtainPairView",
            "TokenRefreshView",
            "TokenVerifyView",
            "TokenObtainSlidingView",
            "TokenRefreshSlidingView",
            "TokenBlacklistView",
        )
    },
}


class Lines(Protocol):
    """A file being edited (`SourceFile`, `HandlerSource`)."""

    @property
    def path(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def style(self) -> FileConventions: ...

    def line(self, number: int) -> str: ...


@dataclass(frozen=True)
class TokenRoute:
    """A library token view routed by its bare name on one line of a URLconf."""

    routed: str  # the name on the route: `obtain_auth_token`, `TokenObtainPairView`
    view: str  # the library's class
    imported: ast.ImportFrom
    reference: ast.Name  # the name on the route's line
    statement: ast.stmt  # the module-level statement that holds the route


def token_route(tree: ast.Module, endpoint: Endpoint, line: int) -> TokenRoute | None:
    """The route of `endpoint` on `line` when it names a library token view imported from its
    package (not through a module attribute or an alias)."""
    routed = endpoint.handler_name
    if routed not in TOKEN_VIEWS or "drf" not in endpoint.sources:
        return None
    module, view = TOKEN_VIEWS[routed]
    imported = module_names(tree).get(routed)
    found = [
        n
        for n in ast.walk(tree)
        if isinstance(n, ast.Name) and n.id == routed and n.lineno == line == n.end_lineno
    ]
    statement = next((n for n in tree.body if n.lineno <= line <= (n.end_lineno or n.lineno)), None)
    if not isinstance(imported, ast.ImportFrom) or imported.module != module:
        return None
    if len(found) != 1 or statement is None:
        return None
    return TokenRoute(routed, view, imported, found[0], statement)


def subclass_edits(
    source: Lines, tree: ast.Module, route: TokenRoute, subclass: str, body: tuple[str, ...]
) -> tuple[Wanted, tuple[TextEdit, ...]] | None:
    """The subclass (`class <subclass>(<view>):` and `body`) to insert before the route's
    statement, and the edits that route to it; None when the module binds the name already
    or the import cannot be swapped."""
    if subclass in _bound(tree):
        return None
    wanted: Wanted = [_class_block(source, route.statement.lineno, subclass, route.view, body)]
    called = route.routed == route.view
    edit = _route_edit(source, route.reference, subclass, called=called)
    swap = None if called else _import_swap(source, tree, route)
    if not called and swap is None:
        return None
    return wanted, (*([swap] if swap else []), edit)


def combined(path: str, wanted: Wanted, edits: tuple[TextEdit, ...]) -> tuple[TextEdit, ...]:
    """Insertions and line edits of one file in one tuple (they never overlap)."""
    return (*insertions(path, wanted), *edits)


def routed_subclass(tree: ast.Module, endpoint: Endpoint) -> tuple[ast.ClassDef, str] | None:
    """The class this module declares for `endpoint` (its handler's class) when it derives
    from a library token view imported from its package, with that view's name."""
    if "drf" not in endpoint.sources or not endpoint.handler_name:
        return None
    name = endpoint.handler_name.split(".", 1)[0]
    names = module_names(tree)
    cls = _bound(tree).get(name)
    if not isinstance(cls, ast.ClassDef) or len(cls.bases) != 1:
        return None
    base = cls.bases[0]
    imported = names.get(base.id) if isinstance(base, ast.Name) else None
    known = TOKEN_VIEWS.get(base.id) if isinstance(base, ast.Name) else None
    if known is None or not isinstance(imported, ast.ImportFrom) or imported.module != known[0]:
        return None
    return cls, known[1]


def _bound(tree: ast.Module) -> dict[str, ast.stmt]:
    """Every top-level name of the module: assignments, imports, classes and functions."""
    found = module_names(tree)
    for node in tree.body:
        if isinstance(node, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            found[node.name] = node
    return found


def class_attributes(cls: ast.ClassDef) -> set[str]:
    """The names the class body binds (attributes and methods)."""
    found: set[str] = set()
    for node in cls.body:
        if isinstance(node, ast.Assign):
            found |= {t.id for t in node.targets if isinstance(t, ast.Name)}
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            found.add(node.target.id)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            found.add(node.name)
    return found


def class_end(source: Lines, cls: ast.ClassDef) -> tuple[int, str] | None:
    """The line after the class's last statement and the body's indentation: where a member
    is appended; None when the body shares the `class` line."""
    first, last = cls.body[0], cls.body[-1]
    if first.lineno == cls.lineno or last.end_lineno is None:
        return None
    indent = source.line(first.lineno)[: first.col_offset]
    return last.end_lineno + 1, indent


def _route_edit(source: Lines, name: ast.Name, subclass: str, *, called: bool) -> TextEdit:
    """`obtain_auth_token` -> `Sub.as_view()`; `View.as_view(...)` -> `Sub.as_view(...)`."""
    text = source.line(name.lineno).encode()
    start, end = name.col_offset, name.end_col_offset or name.col_offset
    new = subclass if called else f"{subclass}.as_view()"
    replaced = (text[:start] + new.encode() + text[end:]).decode()
    return TextEdit(path=source.path, start=name.lineno, end=name.lineno, lines=(replaced,))


def _import_swap(source: Lines, tree: ast.Module, route: TokenRoute) -> TextEdit | None:
    """The import of the function alias becomes the import of its view class, when nothing
    else in the module uses the alias (else None: both would be needed)."""
    routed, view, imported = route.routed, route.view, route.imported
    uses = [n for n in ast.walk(tree) if isinstance(n, ast.Name) and n.id == routed]
    if len(uses) != 1 or view in module_names(tree):
        return None
    pattern = re.compile(rf"\b{re.escape(routed)}\b")
    lines = [
        n
        for n in range(imported.lineno, (imported.end_lineno or imported.lineno) + 1)
        if pattern.search(source.line(n).split("#", 1)[0])
    ]
    if len(lines) != 1:
        return None
    new = pattern.sub(view, source.line(lines[0]), count=1)
    return TextEdit(path=source.path, start=lines[0], end=lines[0], lines=(new,))


def _class_block(
    source: Lines, before: int, subclass: str, view: str, body: tuple[str, ...]
) -> tuple[int, tuple[str, ...]]:
    """The subclass, two blank lines either side, before the statement at `before` (and the
    comments that lead it)."""
    while before > 1 and source.line(before - 1).startswith("#"):
        before -= 1
    blank = 0
    while blank < 2 and before - blank > 1 and not source.line(before - blank - 1).strip():
        blank += 1
    return before, ("",) * (2 - blank) + (f"class {subclass}({view}):", *body) + ("", "")
