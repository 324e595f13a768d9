"""Fix family: log the attempts at a token view that DRF or a JWT package ships (TD-R002).

`obtain_auth_token`, simplejwt's `TokenObtainPairView` and their kin are library code: their
`post` cannot be edited. The URLconf that routes one gets a subclass beside it whose `post`
calls the library's and logs the outcome (a refused attempt when it raises, a granted one
otherwise) with the client address, using the module's logger or a new
`logging.getLogger(__name__)`; the route then points at the subclass's `as_view()`. When the
URLconf already routes a subclass of the library view it declares (the rate-limiting
family's), that `post` goes into the subclass instead. The view keeps its behaviour: same
class hierarchy, same `as_view()` (still CSRF-exempt), the exception re-raised to DRF's
handler unchanged. No patch when the route names the view through a module attribute
(`views.obtain_auth_token`) or an alias, the URLconf already binds the subclass's name, or
the declared subclass has its own `post`.
"""

from __future__ import annotations

import ast

from threatdelta.findings.edit import TextEdit
from threatdelta.findings.threat import Applicability
from threatdelta.model.elements import Endpoint
from threatdelta.remediation.base import FixRequest, Patch
from threatdelta.remediation.families.audit_python import logger_setup
from threatdelta.remediation.families.drf_token_view import (
    Lines,
    class_attributes,
    class_end,
    combined,
    routed_subclass,
    subclass_edits,
    token_route,
)
from threatdelta.remediation.families.python_source import parse
from threatdelta.remediation.families.source_file import SourceFile, editable_file


class DrfTokenViewAudit:
    """Routes a library token view to a subclass that logs each attempt."""

    name = "audit-drf-token-view"
    rules = frozenset({"TD-R002"})

    def propose(self, request: FixRequest) -> Patch | None:
        threat = request.threat
        endpoint = next((e for e in request.model.endpoints if e.key == threat.element), None)
        if threat.rule_id not in self.rules or endpoint is None:
            return None
        location = threat.evidence[0].location
        source = editable_file(request, location.path)
        tree = parse(source.text) if source is not None and source.path.endswith(".py") else None
        if source is None or tree is None:
            return None
        found = _edits(source, tree, endpoint, location.start_line)
        if found is None:
            return None
        edits, view = found
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
) -> tuple[tuple[TextEdit, ...], str] | None:
    """The edits and the library view they wrap."""
    setup = logger_setup(tree, None)
    if setup is None:
        return None
    logger, wanted = setup
    declared = routed_subclass(tree, endpoint)
    if declared is not None:
        cls, view = declared
        place = class_end(source, cls)
        if place is None or "post" in class_attributes(cls):
            return None
        end, indent = place
        wanted.append((end, ("", *_post(source, logger, indent))))
        return combined(source.path, wanted, ()), view
    route = token_route(tree, endpoint, line)
    if route is None:
        return None
    u = source.style.indent_unit
    q = _quote(source)
    body = (f"{u}{q * 3}{route.view} that logs each attempt and its outcome.{q * 3}", "")
    found = subclass_edits(
        source, tree, route, f"Logged{route.view}", body + _post(source, logger, u)
    )
    if found is None:
        return None
    more, edits = found
    return combined(source.path, [*wanted, *more], edits), route.view


def _quote(source: Lines) -> str:
    return "'" if source.text.count("'") > source.text.count('"') else '"'


def _post(source: Lines, logger: str, indent: str) -> tuple[str, ...]:
    """`post` calling the library's and logging the outcome, its `def` at `indent`."""
    u, q = source.style.indent_unit, _quote(source)
    return (
        f"{indent}def post(self, request, *args, **kwargs):",
        f"{indent}{u}client = request.META.get({q}REMOTE_ADDR{q})",
        f"{indent}{u}try:",
        f"{indent}{u * 2}response = super().post(request, *args, **kwargs)",
        f"{indent}{u}except Exception:",
        f"{indent}{u * 2}{logger}.warning({q}audit: %s refused for %s{q}, request.path, client)",
        f"{indent}{u * 2}raise",
        f"{indent}{u}{logger}.info({q}audit: %s granted for %s{q}, request.path, client)",
        f"{indent}{u}return response",
    )
