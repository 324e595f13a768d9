"""A Django settings module: the project's root, its middleware and the DRF defaults.

A module is a settings module when it assigns `ROOT_URLCONF`, `INSTALLED_APPS` or
`MIDDLEWARE` at module level. With `ROOT_URLCONF = "clinic.urls"` it declares the app
(`RouterDecl(<settings module>, "ROOT_URLCONF")`, `is_app`, the service of its folder,
framework `django`) and mounts that URLconf's `urlpatterns` on it; the app's controls
come from `MIDDLEWARE` (Django's `LoginRequiredMiddleware` or an authentication-like
middleware: yes; another middleware outside Django and well-known packages: unknown), and
its security headers from `SecurityMiddleware`.
`REST_FRAMEWORK` defaults become three routers named after the setting, which a DRF view
that does not override the setting names among its guards (see `model/link_defaults.py`):
`DEFAULT_PERMISSION_CLASSES` (authentication of writes: yes unless only `AllowAny`; DRF's
own default is `AllowAny`) and `DEFAULT_PERMISSION_CLASSES.safe_methods` (of reads, which
`IsAuthenticatedOrReadOnly` leaves open), `DEFAULT_THROTTLE_CLASSES` (rate limited when
not empty) and `DEFAULT_AUTHENTICATION_CLASSES` (schemes; DRF's own default is session and
basic, `[]` is none).

Facts on the service: `ALLOWED_HOSTS` with `"*"` (allowed-hosts-wildcard), `MIDDLEWARE`
without `CsrfViewMiddleware` (csrf-disabled), `CSRF_COOKIE_SECURE = False`
(insecure-cookie), `CORS_ALLOW_ALL_ORIGINS` / `CORS_ORIGIN_ALLOW_ALL = True` (cors-wildcard,
with `CORS_ALLOW_CREDENTIALS = True` cors-wildcard-credentials). `DEBUG`, `SECRET_KEY` and
the session cookie flags are read by `settings_facts` like any module's.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from threatdelta.extractors.web.python.context import ScanContext
from threatdelta.extractors.web.python.drf_permissions import (
    DEFAULT_AUTHENTICATION,
    DEFAULT_PERMISSIONS,
    DEFAULT_PERMISSIONS_READS,
    DEFAULT_THROTTLES,
    scheme_of,
)
from threatdelta.extractors.web.python.guards import GuardKind, guard_by_name
from threatdelta.extractors.web.python.module_index import ModuleIndex
from threatdelta.extractors.web.python.syntax import const_str, is_false, is_true, span, str_items
from threatdelta.model.base import Location, Tri
from threatdelta.model.elements import service_name_for
from threatdelta.model.facts import FactKind
from threatdelta.model.fragment import Mount, RouterDecl, RouterRef

_MARKERS = frozenset({"ROOT_URLCONF", "INSTALLED_APPS", "MIDDLEWARE"})
_NEUTRAL_MIDDLEWARE = ("django.", "corsheaders.", "whitenoise.", "debug_toolbar.", "csp.")
_LOGIN_MIDDLEWARE = "django.contrib.auth.middleware.LoginRequiredMiddleware"
_CSRF_MIDDLEWARE = "django.middleware.csrf.CsrfViewMiddleware"
_SECURITY_MIDDLEWARE = "django.middleware.security.SecurityMiddleware"
_CORS_ALL = frozenset({"CORS_ALLOW_ALL_ORIGINS", "CORS_ORIGIN_ALLOW_ALL"})
_DRF_AUTHENTICATORS = ("SessionAuthentication", "BasicAuthentication")
_PUBLIC_READS = frozenset({"IsAuthenticatedOrReadOnly", "DjangoModelPermissionsOrAnonReadOnly"})
_UNREAD = "?"


def may_be_settings(path: str, index: ModuleIndex) -> bool:
    """A cheap first look: `settings` in the path, or a literal `ROOT_URLCONF`,
    `INSTALLED_APPS` or `MIDDLEWARE` at module level (`config/django/base.py`)."""
    return "settings" in path or bool(_MARKERS & set(index.constants))


@dataclass
class DjangoSettings:
    path: str
    module: str
    values: dict[str, ast.Assign] = field(default_factory=dict)

    @classmethod
    def of(cls, path: str, module: str, tree: ast.Module) -> DjangoSettings | None:
        found = cls(path=path, module=module)
        for stmt in tree.body:
            if isinstance(stmt, ast.Assign):
                found.values.update({t.id: stmt for t in stmt.targets if isinstance(t, ast.Name)})
        return found if _MARKERS & set(found.values) else None

    @property
    def service(self) -> str:
        return service_name_for(self.path)

    def facts(self, ctx: ScanContext) -> None:
        hosts = self.values.get("ALLOWED_HOSTS")
        if hosts is not None and "*" in (str_items(hosts.value) or ()):
            detail = "any Host header accepted"
            ctx.add(FactKind.ALLOWED_HOSTS_WILDCARD, hosts, "ALLOWED_HOSTS", Tri.NO, detail)
        middleware = self.values.get("MIDDLEWARE")
        names = str_items(middleware.value) if middleware is not None else None
        if middleware is not None and names is not None and _CSRF_MIDDLEWARE not in names:
            detail = "CsrfViewMiddleware not installed"
            ctx.add(FactKind.CSRF_DISABLED, middleware, "MIDDLEWARE", Tri.NO, detail)
        cookie = self.values.get("CSRF_COOKIE_SECURE")
        if cookie is not None and is_false(cookie.value):
            detail = "missing Secure"
            ctx.add(FactKind.INSECURE_COOKIE, cookie, "CSRF_COOKIE_SECURE", Tri.NO, detail)
        self._cors(ctx)

    def security_headers(self) -> Tri:
        """YES with Django's `SecurityMiddleware` (nosniff, referrer policy, HSTS when
        configured), NO when a literal `MIDDLEWARE` leaves it out, else UNKNOWN."""
        middleware = self.values.get("MIDDLEWARE")
        names = str_items(middleware.value) if middleware is not None else None
        if names is None:
            return Tri.UNKNOWN
        return Tri.YES if _SECURITY_MIDDLEWARE in names else Tri.NO

    def _cors(self, ctx: ScanContext) -> None:
        """django-cors-headers: every origin allowed, with or without credentials."""
        credentials = self.values.get("CORS_ALLOW_CREDENTIALS")
        with_credentials = credentials is not None and is_true(credentials.value)
        for name in sorted(_CORS_ALL & set(self.values)):
            stmt = self.values[name]
            if not is_true(stmt.value):
                continue
            if with_credentials:
                detail = "any origin may send credentialed requests"
                ctx.add(FactKind.CORS_WILDCARD_CREDENTIALS, stmt, name, Tri.NO, detail)
            else:
                ctx.add(FactKind.CORS_WILDCARD, stmt, name, Tri.NO, "any origin allowed")

    def routers(self) -> list[RouterDecl]:
        root = self.values.get("ROOT_URLCONF")
        if root is None or const_str(root.value) is None:
            return []
        auth, rate = self._middleware()
        decls = [
            RouterDecl(
                ref=RouterRef(module=self.module, name="ROOT_URLCONF"),
                is_app=True,
                service=self.service,
                location=span(self.path, root),
                authentication=auth,
                auth_schemes=("session",) if auth is Tri.YES else (),
                rate_limited=rate,
            )
        ]
        return decls + self._drf_defaults(root)

    def mounts(self) -> list[Mount]:
        root = self.values.get("ROOT_URLCONF")
        target = const_str(root.value) if root is not None else None
        if root is None or target is None:
            return []
        return [
            Mount(
                parent=RouterRef(module=self.module, name="ROOT_URLCONF"),
                child=RouterRef(module=target.replace(".", "/"), name="urlpatterns"),
                location=span(self.path, root),
                authentication=Tri.NO,
                rate_limited=Tri.NO,
            )
        ]

    def _middleware(self) -> tuple[Tri, Tri]:
        middleware = self.values.get("MIDDLEWARE")
        names = str_items(middleware.value) if middleware is not None else ()
        if names is None:
            return Tri.UNKNOWN, Tri.UNKNOWN
        auth, rate = Tri.NO, Tri.NO
        for name in names:
            if name == _LOGIN_MIDDLEWARE:
                auth = Tri.YES
            elif not name.startswith(_NEUTRAL_MIDDLEWARE):
                kind = guard_by_name(name.rsplit(".", 1)[-1]).kind
                if kind in (GuardKind.AUTH, GuardKind.PERMISSION):
                    auth = Tri.YES
                elif kind is GuardKind.RATE_LIMIT:
                    rate = Tri.YES
                elif kind is GuardKind.UNKNOWN:
                    auth = Tri.any_of(auth, Tri.UNKNOWN)
                    rate = Tri.any_of(rate, Tri.UNKNOWN)
        return auth, rate

    def _drf_defaults(self, root: ast.Assign) -> list[RouterDecl]:
        stmt = self.values.get("REST_FRAMEWORK")
        value = stmt.value if stmt is not None else ast.Dict(keys=[], values=[])
        if not isinstance(value, ast.Dict):
            return []  # built elsewhere: unknown
        options = _options(value)
        where = span(self.path, stmt or root)
        permissions = _classes(options.get(DEFAULT_PERMISSIONS)) or ("AllowAny",)
        throttles = _classes(options.get(DEFAULT_THROTTLES)) or ()
        authenticators = _classes(options.get(DEFAULT_AUTHENTICATION))
        if authenticators is None:  # unset: DRF's own default (an empty list is none)
            authenticators = _DRF_AUTHENTICATORS
        rate = Tri.UNKNOWN if _UNREAD in throttles else Tri.YES if throttles else Tri.NO
        schemes = tuple(scheme_of(a) for a in authenticators if a != _UNREAD)
        writes, reads = _authentication(permissions, False), _authentication(permissions, True)
        return [
            self._default(DEFAULT_PERMISSIONS, where, authentication=writes),
            self._default(DEFAULT_PERMISSIONS_READS, where, authentication=reads),
            self._default(DEFAULT_THROTTLES, where, rate_limited=rate),
            self._default(DEFAULT_AUTHENTICATION, where, auth_schemes=schemes),
        ]

    def _default(
        self,
        name: str,
        where: Location,
        authentication: Tri = Tri.UNKNOWN,
        rate_limited: Tri = Tri.UNKNOWN,
        auth_schemes: tuple[str, ...] = (),
    ) -> RouterDecl:
        return RouterDecl(
            ref=RouterRef(module=self.module, name=name),
            service=self.service,
            location=where,
            authentication=authentication,
            rate_limited=rate_limited,
            auth_schemes=auth_schemes,
        )


def _options(node: ast.Dict) -> dict[str, ast.expr]:
    keys = (const_str(k) for k in node.keys)
    return {k: v for k, v in zip(keys, node.values, strict=True) if k}


def _classes(node: ast.expr | None) -> tuple[str, ...] | None:
    """Class names of a setting's list of dotted paths; `?` for a value that is not a
    literal list; None when the setting is absent."""
    if node is None:
        return None
    items = str_items(node)
    return tuple(i.rsplit(".", 1)[-1] for i in items) if items is not None else (_UNREAD,)


def _authentication(permissions: tuple[str, ...], reads: bool) -> Tri:
    """What the default permission classes require of a write (or, `reads`, of a GET, HEAD
    or OPTIONS request): `IsAuthenticatedOrReadOnly` lets anyone read."""
    if _UNREAD in permissions:
        return Tri.UNKNOWN
    required = [p for p in permissions if p != "AllowAny" and not (reads and p in _PUBLIC_READS)]
    return Tri.YES if required else Tri.NO
