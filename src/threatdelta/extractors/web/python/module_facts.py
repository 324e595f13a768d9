"""Facts of the code outside route handlers: module and class bodies and helper functions.
Only settings-like facts are kept there (debug, secrets, JWT, password hashing, cookies,
CORS, security headers, crypto); they go on the service."""

from __future__ import annotations

import ast

from threatdelta.extractors.web.python.context import ScanContext
from threatdelta.extractors.web.python.module_index import ModuleIndex
from threatdelta.extractors.web.python.scan import scan_block, scan_function
from threatdelta.extractors.web.python.syntax import ModuleNodes, words
from threatdelta.extractors.web.python.taint import TaintEnv
from threatdelta.model.base import Tri
from threatdelta.model.facts import CodeFact

_NON_PRODUCTION = frozenset({"dev", "development", "test", "testing", "local", "debug"})


def module_facts(
    tree: ast.Module, nodes: ModuleNodes, index: ModuleIndex, path: str, handlers: set[int]
) -> list[CodeFact]:
    facts: list[CodeFact] = []

    def scope(in_settings_class: bool = False) -> ScanContext:
        return ScanContext(
            path=path,
            index=index,
            env=TaintEnv(index=index),
            in_handler=False,
            in_settings_class=in_settings_class,
            facts=facts,
        )

    scan_block(tree.body, scope())
    for cls in nodes.classes:
        non_production = bool(set(words(cls.name)) & _NON_PRODUCTION)
        scan_block(cls.body, scope(non_production))
    for fn in nodes.functions:
        if id(fn) not in handlers:
            ctx = scope()
            for param in (*fn.args.posonlyargs, *fn.args.args, *fn.args.kwonlyargs):
                ctx.env.values[param.arg] = Tri.UNKNOWN  # a caller may pass request data
            for rest in (fn.args.vararg, fn.args.kwarg):
                if rest is not None:
                    ctx.env.values[rest.arg] = Tri.UNKNOWN
            scan_function(fn, ctx)
    return facts
