"""Path-matcher access rules declared once for a whole service (Spring Security's
`authorizeHttpRequests(a -> a.requestMatchers("/api/public/**").permitAll())`), applied to
that service's endpoints by `model.link_spring`."""

from __future__ import annotations

from threatdelta.model.base import Frozen, Location, Tri


class AccessRule(Frozen):
    """One matcher line: the paths (Ant-style: `*` one segment, `**` any, `{x}` one segment;
    `()` for `anyRequest()`), the HTTP methods (`()` for any) and what the rule requires.
    Rules of one service are tried in `order`; the first that matches an endpoint decides."""

    service: str
    order: int
    patterns: tuple[str, ...] = ()
    methods: tuple[str, ...] = ()
    authentication: Tri = Tri.UNKNOWN  # NO for permitAll / anonymous, YES for the rest
    access: str  # the access call as written: permitAll, authenticated, hasRole, ...
    location: Location
    # how the filter chain declaring the rule authenticates callers (`basic`, `session`,
    # `jwt`, `oauth2`): given to the endpoints the rule requires authentication for
    auth_schemes: tuple[str, ...] = ()
