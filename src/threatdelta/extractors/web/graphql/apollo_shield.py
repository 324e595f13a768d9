"""graphql-shield permission maps: `shield({ Query: { users: isAdmin, '*': isAuthenticated },
Mutation: {...} }, { fallbackRule: isAuthenticated })` in the module. Each field's rule
decides its authentication by name, as a guard's name does (`allow` lets everyone in)."""

from __future__ import annotations

from dataclasses import dataclass, field

from tree_sitter import Node

from threatdelta.extractors.web.express.bindings import ModuleIndex
from threatdelta.extractors.web.express.syntax import (
    arguments,
    chain,
    identifier,
    object_pairs,
    strip,
    walk,
)
from threatdelta.extractors.web.python.guards import GuardKind, guard_by_name
from threatdelta.model.base import Tri

_ROOT_TYPES = frozenset({"Query", "Mutation", "Subscription"})
_OPEN = frozenset({"allow"})  # graphql-shield's rule that lets every request through
_CLOSED = frozenset({"deny"})  # and the one that lets none through


@dataclass
class ShieldRules:
    """Rule names by (root type, field); `*` stands for every field of a type."""

    rules: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)
    fallback: tuple[str, ...] = ("allow",)  # graphql-shield's default fallback rule
    maps: set[tuple[int, int]] = field(default_factory=set)  # byte spans of the type maps
    present: bool = False

    def rule_of(self, root: str, name: str) -> tuple[str, ...]:
        return self.rules.get((root, name)) or self.rules.get((root, "*")) or self.fallback

    def authentication(self, root: str, name: str) -> Tri:
        """YES when the field's rule authenticates, NO for `allow`, UNKNOWN otherwise; NO
        without a shield (nothing is added to the resolver's own checks)."""
        if not self.present:
            return Tri.NO
        names = self.rule_of(root, name)
        if any(n in _CLOSED for n in names):
            return Tri.YES
        kinds = {guard_by_name(n).kind for n in names if n not in _OPEN}
        if kinds & {GuardKind.AUTH, GuardKind.PERMISSION}:
            return Tri.YES
        return Tri.UNKNOWN if GuardKind.UNKNOWN in kinds else Tri.NO


def shield_rules(index: ModuleIndex) -> ShieldRules:
    found = ShieldRules()
    for call in index.calls:
        names = chain(call.child_by_field_name("function"))
        args = arguments(call)
        if not names or names[-1] != "shield" or not args:
            continue
        found.present = True
        for root, value in object_pairs(_value(args[0], index)).items():
            types = _value(value, index)
            if root not in _ROOT_TYPES or types is None or types.type != "object":
                continue
            found.maps.add((types.start_byte, types.end_byte))
            for name, rule in object_pairs(types).items():
                found.rules[(root, name)] = _rule_names(rule)
        options = object_pairs(_value(args[1], index)) if len(args) > 1 else {}
        if "fallbackRule" in options:
            found.fallback = _rule_names(options["fallbackRule"])
    return found


def _value(node: Node | None, index: ModuleIndex) -> Node | None:
    name = identifier(node)
    return strip(index.values.get(name)) if name is not None else strip(node)


def _rule_names(rule: Node) -> tuple[str, ...]:
    """`isAdmin` -> (isAdmin,); `and(isAuthenticated, isOwner)` -> the rules combined."""
    names = [
        (n.text or b"").decode()
        for n in walk(rule)
        if n.type in ("identifier", "shorthand_property_identifier")
    ]
    combinators = {"and", "or", "chain", "race", "not"}
    return tuple(n for n in names if n not in combinators) or ("?",)
