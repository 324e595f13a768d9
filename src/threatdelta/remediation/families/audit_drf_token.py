"""Fix family: log the attempts at a token view that DRF or a JWT package ships (TD-R002).

`obtain_auth_token`, simplejwt's `TokenObtainPairView` and their kin are library code: their
`post` cannot be edited. The URLconf that routes one gets a subclass beside it whose `post`
calls the library's and logs the outcome (a refused attempt when it raises, a granted one
otherwise) with the client address, using the module's logger or a new
`logging.getLogger(__name__)`; the route then points at the subclass's `as_view()`. The view
keeps its behaviour: same class hierarchy, same `as_view()` (still CSRF-exempt), the
exception re-raised to DRF's handler unchanged. No patch when the route names the view
through a module attribute (`views.obtain_auth_token`) or an alias, or the URLconf already
binds the subclass's name.
"""

from __future__ import annotations

import ast
import re

from threatdelta.findings.edit import TextEdit
from threatdelta.findings.threat import Applicability
from threatdelta.model.elements import Endpoint
from threatdelta.remediation.base import FixRequest, Patch
from threatdelta.remediation.families.audit_python import logger_setup
from threatdelta.remediation.families.python_source import insertions, module_names, parse
from threatdelta.remediation.families.source_file import SourceFile, editable_file

# the token views of `django_library_views.KNOWN`: routed name -> (module, view class)
_VIEWS = {
    "obtain_auth_token": ("rest_framework.authtoken.views", "ObtainAuthToken"),
    "ObtainAuthToken": ("rest_framework.authtoken.views", "ObtainAuthToken"),
    "obtain_jwt_token": ("rest_framework_jwt.views", "ObtainJSONWebTokenView"),
    "ObtainJSONWebTokenView": ("rest_framework_jwt.views", "ObtainJSONWebTokenView"),
    **{
        name: ("rest_framework_simplejwt.views", name)
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


class DrfTokenViewAudit:
    """Routes a library token view to a subclass that logs each attempt."""

    name = "audit-drf-token-view"
    rules = frozenset({"TD-R002"})

    def propose(self, request: FixRequest) -> Patch | None:
        threat = request.threat
        endpoint = next((e for e in request.model.endpoints if e.key == threat.element), None)
        if threat.rule_id not in self.rules or endpoint is None:
            return None
        if endpoint.handler_name not in _VIEWS or "drf" not in endpoint.sources:
            return None
        location = threat.evidence[0].location
        source = editable_file(request, location.path)
        tree = parse(source.text) if source is not None and source.path.endswith(".py") else None
        if source is None or tree is None:
            return None
        edits = _edits(source, tree, endpoint, location.start_line)
        if edits is None:
            return None
        view = _VIEWS[endpoint.handler_name][1]
        return Patch(
            threat_id=threat.id,
            rule_id=threat.rule_id,
            family=self.name,
            applicability=Applicability.SAFE,
            summary=f"Route {endpoint.method} {endpoint.path} to a subclass of {view} that "
            "logs each attempt and its outcome.",
            edits=edits,
            guidance="The subclass only logs around the library's `post`. Add the account "
            "identifier from the request (never the password or the token) and a request id "
            "if the logging set-up does not add one, and alert on bursts of refusals.",
        )


def _edits(
    source: SourceFile, tree: ast.Module, endpoint: Endpoint, line: int
) -> tuple[TextEdit, ...] | None:
    routed = endpoint.handler_name
    module, view = _VIEWS[routed]
    names = module_names(tree)
    imported = names.get(routed)
    subclass = f"Logged{view}"
    reference = _route_reference(tree, routed, line)
    setup = logger_setup(tree, None)
    if not isinstance(imported, ast.ImportFrom) or imported.module != module or reference is None:
        return None
    statement = next((n for n in tree.body if n.lineno <= line <= (n.end_lineno or n.lineno)), None)
    if subclass in names or setup is None or statement is None:
        return None
    logger, wanted = setup
    wanted.append(_class_block(source, statement.lineno, subclass, view, logger))
    route = _route_edit(source, reference, subclass, called=routed == view)
    swap = None if routed == view else _import_swap(source, tree, imported, routed, view)
    if routed != view and swap is None:
        return None
    return (*insertions(source.path, wanted), *([swap] if swap else []), route)


def _route_reference(tree: ast.Module, routed: str, line: int) -> ast.Name | None:
    """The one bare name of the view on the route's line."""
    found = [
        n
        for n in ast.walk(tree)
        if isinstance(n, ast.Name) and n.id == routed and n.lineno == line == n.end_lineno
    ]
    return found[0] if len(found) == 1 else None


def _route_edit(source: SourceFile, name: ast.Name, subclass: str, *, called: bool) -> TextEdit:
    """`obtain_auth_token` -> `LoggedObtainAuthToken.as_view()`; `View.as_view(...)` ->
    `LoggedView.as_view(...)`."""
    text = source.line(name.lineno).encode()
    start, end = name.col_offset, name.end_col_offset or name.col_offset
    new = subclass if called else f"{subclass}.as_view()"
    replaced = (text[:start] + new.encode() + text[end:]).decode()
    return TextEdit(path=source.path, start=name.lineno, end=name.lineno, lines=(replaced,))


def _import_swap(
    source: SourceFile, tree: ast.Module, imported: ast.ImportFrom, routed: str, view: str
) -> TextEdit | None:
    """The import of the function alias becomes the import of its view class, when nothing
    else in the module uses the alias (else None: both would be needed)."""
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
    source: SourceFile, before: int, subclass: str, view: str, logger: str
) -> tuple[int, tuple[str, ...]]:
    """The subclass, two blank lines either side, before the statement at `before` (and the
    comments that lead it)."""
    while before > 1 and source.line(before - 1).startswith("#"):
        before -= 1
    blank = 0
    while blank < 2 and before - blank > 1 and not source.line(before - blank - 1).strip():
        blank += 1
    u = source.style.indent_unit
    q = "'" if source.text.count("'") > source.text.count('"') else '"'
    body = (
        f"class {subclass}({view}):",
        f"{u}{q * 3}{view} that logs each attempt and its outcome.{q * 3}",
        "",
        f"{u}def post(self, request, *args, **kwargs):",
        f"{u * 2}client = request.META.get({q}REMOTE_ADDR{q})",
        f"{u * 2}try:",
        f"{u * 3}response = super().post(request, *args, **kwargs)",
        f"{u * 2}except Exception:",
        f"{u * 3}{logger}.warning({q}audit: %s refused for %s{q}, request.path, client)",
        f"{u * 3}raise",
        f"{u * 2}{logger}.info({q}audit: %s granted for %s{q}, request.path, client)",
        f"{u * 2}return response",
    )
    return before, ("",) * (2 - blank) + body + ("", "")
