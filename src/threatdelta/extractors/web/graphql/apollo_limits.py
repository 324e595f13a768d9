"""Is an Apollo resolver rate-limited? A limiter called in its body (graphql-rate-limit's
`const limited = await rateLimiter({ parent, args, context, info }, { max, window })`,
rate-limiter-flexible's `await limiter.consume(key)`), a wrapper named for one
(`rateLimit(resolver)`), or a graphql-shield rule named for one (`rateLimitRule({...})`
from graphql-rate-limit's `createRateLimitRule`).

Only a limiter seen decides the fact: without one it stays unknown, since limits are often
set where this module cannot show them (a proxy, an Apollo plugin, the HTTP framework)."""

from __future__ import annotations

from collections.abc import Iterable

from tree_sitter import Node

from threatdelta.extractors.web.express.syntax import chain, walk
from threatdelta.extractors.web.graphql.apollo_resolvers import JsResolver
from threatdelta.extractors.web.python.guards import RATE_WORDS, name_words
from threatdelta.model.base import Tri


def resolver_rate_limited(resolver: JsResolver, shield_rules: Iterable[str] = ()) -> Tri:
    """YES when the resolver's wrappers, its shield rules or a call in its body name a rate
    limiter; UNKNOWN otherwise."""
    if any(_names_limiter(name) for name in (*resolver.wrappers, *shield_rules)):
        return Tri.YES
    fn = resolver.function
    if fn is not None and any(_calls_limiter(node) for node in walk(fn)):
        return Tri.YES
    return Tri.UNKNOWN


def _calls_limiter(node: Node) -> bool:
    if node.type != "call_expression":
        return False
    return any(_names_limiter(name) for name in chain(node.child_by_field_name("function")))


def _names_limiter(name: str) -> bool:
    return bool(name_words(name) & RATE_WORDS)
