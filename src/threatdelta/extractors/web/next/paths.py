"""Next.js file-system routing: which files are API routes and the path each serves.

`pages/api/users/[id].ts` serves `/api/users/{id}` (`index` files serve their folder,
`[...slug]` and `[[...slug]]` a catch-all `{slug}`); `app/api/users/[id]/route.ts` serves
`/api/users/{id}` (route groups `(shop)` and parallel-route slots `@modal` add nothing;
`_private` folders are not routed). Both may sit under `src/`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

_SEGMENT = re.compile(r"^\[{1,2}(?:\.\.\.)?([^\]]+)\]{1,2}$")
_ROUTE_FILE = re.compile(r"^route\.[cm]?[jt]sx?$")
_SOURCE = re.compile(r"\.[cm]?[jt]sx?$")


class Router(StrEnum):
    PAGES = "pages"  # pages/api/**: one default-exported handler
    APP = "app"  # app/**/route.ts: one exported function per HTTP method


@dataclass(frozen=True, slots=True)
class ApiRoute:
    router: Router
    path: str  # the URL template, params as {name}
    project: str  # the folder holding pages/ or app/ ("" at the top)


def api_route(file_path: str) -> ApiRoute | None:
    """The API route a repository file serves, or None when it serves none."""
    parts = file_path.split("/")
    name = parts[-1]
    for i, part in enumerate(parts[:-1]):
        if part == "pages" and parts[i + 1 : i + 2] == ["api"] and i + 1 < len(parts) - 1:
            stem = _SOURCE.sub("", name)
            segments = ["api", *parts[i + 2 : -1]] + ([] if stem == "index" else [stem])
            return _route(Router.PAGES, segments, parts[:i])
        if part == "app" and _ROUTE_FILE.match(name):
            segments = parts[i + 1 : -1]
            if any(s.startswith("_") for s in segments):
                return None
            return _route(Router.APP, segments, parts[:i])
    return None


def _route(router: Router, segments: list[str], before: list[str]) -> ApiRoute:
    kept = [_template(s) for s in segments if not _invisible(s)]
    project = before[:-1] if before[-1:] == ["src"] else before
    return ApiRoute(router, "/" + "/".join(kept), "/".join(project))


def _invisible(segment: str) -> bool:
    return (segment.startswith("(") and segment.endswith(")")) or segment.startswith("@")


def _template(segment: str) -> str:
    match = _SEGMENT.match(segment)
    return "{" + match[1] + "}" if match else segment
