"""One pass over a module: what its names are bound to (apps, routers, limiters, security
schemes, functions, classes, literal constants), so later passes are look-ups."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from enum import StrEnum

from threatdelta.extractors.web.python.imports import ImportTable
from threatdelta.extractors.web.python.syntax import FunctionNode, ModuleNodes, dotted

_SCHEMES = {
    "OAuth2PasswordBearer": "oauth2",
    "OAuth2AuthorizationCodeBearer": "oauth2",
    "OAuth2": "oauth2",
    "OpenIdConnect": "oauth2",
    "HTTPBearer": "bearer",
    "HTTPBasic": "basic",
    "HTTPDigest": "digest",
    "APIKeyHeader": "apiKey",
    "APIKeyQuery": "apiKey",
    "APIKeyCookie": "apiKey",
    "HTTPBasicAuth": "basic",
    "HTTPTokenAuth": "bearer",
    "HTTPDigestAuth": "digest",
    "MultiAuth": "multi",
}


class VarKind(StrEnum):
    FLASK_APP = "flask-app"
    FASTAPI_APP = "fastapi-app"
    BLUEPRINT = "blueprint"
    API_ROUTER = "api-router"
    FLASK_LIMITER = "flask-limiter"
    SLOWAPI_LIMITER = "slowapi-limiter"
    SECURITY_SCHEME = "security-scheme"


def _kind_of(qualified: str) -> VarKind | None:
    if qualified in ("flask.Flask", "flask.app.Flask"):
        return VarKind.FLASK_APP
    if qualified in ("fastapi.FastAPI", "fastapi.applications.FastAPI"):
        return VarKind.FASTAPI_APP
    if qualified in ("flask.Blueprint", "flask.blueprints.Blueprint"):
        return VarKind.BLUEPRINT
    if qualified in ("fastapi.APIRouter", "fastapi.routing.APIRouter"):
        return VarKind.API_ROUTER
    if qualified.startswith("flask_limiter.") and qualified.endswith(".Limiter"):
        return VarKind.FLASK_LIMITER
    if qualified.startswith("slowapi") and qualified.endswith(".Limiter"):
        return VarKind.SLOWAPI_LIMITER
    if qualified.rsplit(".", 1)[-1] in _SCHEMES and qualified.startswith(
        ("fastapi.", "flask_httpauth")
    ):
        return VarKind.SECURITY_SCHEME
    return None


@dataclass(frozen=True)
class Binding:
    """A name bound to a constructor call: `bp = Blueprint(...)`."""

    name: str
    kind: VarKind
    call: ast.Call
    scheme: str = ""  # for security schemes


@dataclass
class ModuleIndex:
    imports: ImportTable
    bindings: dict[str, Binding] = field(default_factory=dict)
    functions: dict[str, FunctionNode] = field(default_factory=dict)
    classes: dict[str, ast.ClassDef] = field(default_factory=dict)
    constants: dict[str, ast.expr] = field(default_factory=dict)  # module-level literals
    aliases: dict[str, ast.expr] = field(default_factory=dict)  # X = Annotated[..., Depends()]

    @classmethod
    def of(cls, tree: ast.Module, imports: ImportTable, nodes: ModuleNodes) -> ModuleIndex:
        index = cls(imports=imports)
        for stmt in tree.body:
            if isinstance(stmt, ast.Assign | ast.AnnAssign) and stmt.value is not None:
                index._module_assign(stmt)
        calls: list[tuple[str, ast.Call]] = []
        for fn in nodes.functions:
            index.functions.setdefault(fn.name, fn)
        for cls_node in nodes.classes:
            index.classes.setdefault(cls_node.name, cls_node)
        for node in nodes.assigns:
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
                calls.extend((t.id, node.value) for t in node.targets if isinstance(t, ast.Name))
            elif (
                isinstance(node, ast.AnnAssign)
                and isinstance(node.value, ast.Call)
                and isinstance(node.target, ast.Name)
            ):
                calls.append((node.target.id, node.value))
        for stmt in tree.body:  # module-level definitions win over nested namesakes
            if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef):
                index.functions[stmt.name] = stmt
            elif isinstance(stmt, ast.ClassDef):
                index.classes[stmt.name] = stmt
        for name, call in calls:
            index._bind(name, call)
        return index

    def _module_assign(self, node: ast.Assign | ast.AnnAssign) -> None:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        value = node.value
        assert value is not None
        for target in targets:
            if not isinstance(target, ast.Name):
                continue
            if _is_literal(value):
                self.constants[target.id] = value
            elif isinstance(value, ast.Subscript) and dotted(value.value) in (
                "Annotated",
                "typing.Annotated",
            ):
                self.aliases[target.id] = value

    def _bind(self, name: str, call: ast.Call) -> None:
        qualified = self.imports.qualify(call.func)
        kind = _kind_of(qualified)
        if kind is None:
            base = self._scheme_base(call.func)
            if base:
                self.bindings.setdefault(
                    name, Binding(name, VarKind.SECURITY_SCHEME, call, scheme=base)
                )
            return
        scheme = _SCHEMES.get(qualified.rsplit(".", 1)[-1], "")
        self.bindings.setdefault(name, Binding(name, kind, call, scheme=scheme))

    def _scheme_base(self, func: ast.expr) -> str:
        """A class of this module that subclasses a FastAPI security scheme (JWTBearer)."""
        name = dotted(func)
        cls = self.classes.get(name or "")
        if cls is None:
            return ""
        for base in cls.bases:
            short = self.imports.qualify(base).rsplit(".", 1)[-1]
            if short in _SCHEMES:
                return _SCHEMES[short]
        return ""

    def kind(self, node: ast.expr) -> VarKind | None:
        name = dotted(node)
        binding = self.bindings.get(name or "")
        return binding.kind if binding else None

    def literal_str(self, node: ast.expr | None) -> str | None:
        """A string literal, or a module-level constant bound to one (`prefix=API_PREFIX`)."""
        if isinstance(node, ast.Name):
            node = self.constants.get(node.id)
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        return None

    def local_names(self) -> frozenset[str]:
        return frozenset(self.bindings)


def _is_literal(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.List | ast.Tuple | ast.Set):
        return all(_is_literal(e) for e in node.elts)
    if isinstance(node, ast.Dict):
        return all(k is None or _is_literal(k) for k in node.keys) and all(
            _is_literal(v) for v in node.values
        )
    return False
