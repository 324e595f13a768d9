"""How a GraphQL field becomes an endpoint: the operation as the method, the field under the
mount path as the path, and the argument names that make a list field paginated."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from threatdelta.model.base import Tri
from threatdelta.model.data_classes import name_words
from threatdelta.model.elements import normalize_path

DEFAULT_MOUNT = "/graphql"
PAGE_ARGS = frozenset(
    {
        "first",
        "last",
        "limit",
        "offset",
        "page",
        "per_page",
        "perpage",
        "page_size",
        "pagesize",
        "size",
        "cursor",
        "after",
        "before",
        "skip",
        "take",
        "pagination",
        "paging",
        "max_results",
    }
)
_CAMEL = re.compile(r"_([a-z0-9])")


class Operation(StrEnum):
    """The root type a field belongs to; upper-case because it is the endpoint's method."""

    QUERY = "QUERY"
    MUTATION = "MUTATION"
    SUBSCRIPTION = "SUBSCRIPTION"


_ROOT_WORDS = MappingProxyType(
    {
        "query": Operation.QUERY,
        "queries": Operation.QUERY,
        "mutation": Operation.MUTATION,
        "mutations": Operation.MUTATION,
        "subscription": Operation.SUBSCRIPTION,
        "subscriptions": Operation.SUBSCRIPTION,
    }
)


def operation_of_type(type_name: str) -> Operation | None:
    """`Query`, `UserQuery`, `RootMutation`, `Subscriptions` -> the operation; None for an
    object type that is not a root (`User`, `SearchQueryResult`)."""
    words = name_words(type_name)
    return _ROOT_WORDS.get(words[-1]) if words else None


def camel(name: str) -> str:
    """Graphene and Strawberry expose `all_users` as `allUsers`."""
    head = name.lstrip("_")
    return _CAMEL.sub(lambda m: m.group(1).upper(), head) or name


def endpoint_path(mount: str, field: str) -> str:
    return normalize_path(f"{mount or DEFAULT_MOUNT}/{field}")


def is_page_arg(name: str) -> bool:
    lowered = name.lower()
    return lowered in PAGE_ARGS or lowered.replace("_", "") in PAGE_ARGS


@dataclass(frozen=True)
class FieldShape:
    """What the schema says about a field: its arguments, whether it returns a list (a
    connection counts as a paginated list) and the name of the type it returns."""

    args: tuple[str, ...] = ()
    returns_list: bool = False
    connection: bool = False
    return_type: str = ""

    def paginated(self) -> Tri:
        if self.connection or any(is_page_arg(a) for a in self.args):
            return Tri.YES
        return Tri.NO if self.returns_list else Tri.UNKNOWN

    def returns_collection(self) -> Tri:
        return Tri.YES if self.returns_list or self.connection else Tri.UNKNOWN
