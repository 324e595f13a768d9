"""Facts observed in code, specs and configuration, attached to the element they belong to.

A `CodeFact` records one observed operation or setting with where it is. Extractors emit
facts for what they see; rules decide what is a threat. Controls that may be missing
(authentication, rate limiting, audit logging, object-level authorisation) are tri-state
fields on the endpoint instead, because their absence matters.
"""

from __future__ import annotations

from enum import StrEnum

from threatdelta.model.base import Frozen, Location, Tri


class FactKind(StrEnum):
    # operations inside a handler
    SQL_RAW = "sql-raw"  # SQL text built by formatting / concatenation
    ORM_QUERY = "orm-query"
    NOSQL_QUERY = "nosql-query"
    OUTBOUND_HTTP = "outbound-http"
    FILE_ACCESS = "file-access"
    COMMAND_EXEC = "command-exec"
    UNSAFE_DESERIALIZATION = "unsafe-deserialization"  # pickle, yaml.load w/o safe loader
    CODE_EVAL = "code-eval"  # eval / exec / Function
    ERROR_TEXT_RETURNED = "error-text-returned"  # exception / stack text sent to the client
    AUDIT_LOG = "audit-log"
    OBJECT_LOOKUP_BY_ID = "object-lookup-by-id"  # object loaded by a client-supplied id
    OWNERSHIP_CHECK = "ownership-check"  # the loaded object is compared with the principal
    MASS_ASSIGNMENT = "mass-assignment"  # request body copied into a model wholesale
    REDIRECT = "redirect"
    REGEX_COMPILE = "regex-compile"
    CRYPTO = "crypto"
    # settings and module-level code
    DEBUG_ENABLED = "debug-enabled"
    HARDCODED_SECRET = "hardcoded-secret"
    JWT_UNVERIFIED = "jwt-unverified"  # signature verification switched off
    JWT_NONE_ALGORITHM = "jwt-none-algorithm"  # "none" accepted
    WEAK_PASSWORD_HASH = "weak-password-hash"  # md5 / sha1 / unsalted
    INSECURE_COOKIE = "insecure-cookie"  # missing Secure / HttpOnly / SameSite
    CORS_WILDCARD_CREDENTIALS = "cors-wildcard-credentials"
    CORS_WILDCARD = "cors-wildcard"
    SECURITY_HEADERS = "security-headers"  # helmet / talisman present
    CSRF_DISABLED = "csrf-disabled"  # CSRF protection switched off or a view exempted
    # GraphQL server settings (on the service)
    GRAPHQL_SERVER = "graphql-server"  # where a GraphQL schema is served (server / view)
    GRAPHQL_INTROSPECTION = "graphql-introspection"  # introspection on, not gated on env
    GRAPHQL_DEPTH_LIMIT = "graphql-depth-limit"  # a query depth limit is applied
    GRAPHQL_COST_LIMIT = "graphql-cost-limit"  # a complexity / cost / token limit is applied
    GRAPHQL_BATCHING = "graphql-batching"  # batched operations accepted without a cap
    GRAPHQL_IDE = "graphql-ide"  # GraphiQL / Playground / Sandbox served, not gated on env
    PERMIT_ALL = "permit-all"  # access opened to anonymous users (Spring `permitAll()`)
    PLAINTEXT_PASSWORD = "plaintext-password"  # a user's password kept as plain text in code
    MANAGEMENT_ENDPOINTS_EXPOSED = "management-endpoints-exposed"  # Spring actuator web exposure
    # Spring method security switched on (`@EnableMethodSecurity`); name: prePost|secured|jsr250
    METHOD_SECURITY_ENABLED = "method-security-enabled"
    # route-level opt-outs and request handling (NestJS, Fastify, Next.js)
    AUTH_BYPASS = "auth-bypass"  # a `@Public()`-style decorator exempts the route from guards
    THROTTLE_SKIPPED = "throttle-skipped"  # `@SkipThrottle()` exempts the route from the limiter
    INPUT_VALIDATION = "input-validation"  # a validation pipe / schema; name says whitelisting
    BODY_LIMIT_RAISED = "body-limit-raised"  # request body limit raised above 10 MB or unbounded
    # Go servers and clients (net/http, gin, echo, chi)
    TLS_VERIFY_DISABLED = "tls-verify-disabled"  # a TLS client skips certificate verification
    DEBUG_ENDPOINTS = "debug-endpoints"  # pprof / expvar handlers served off loopback
    SERVER_TIMEOUTS_MISSING = "server-timeouts-missing"  # HTTP server without a read timeout
    # Django / Django REST Framework settings and serializers
    ALLOWED_HOSTS_WILDCARD = "allowed-hosts-wildcard"  # any Host header accepted (`'*'`)
    ALL_FIELDS_SERIALIZED = "all-fields-serialized"  # a serializer exposes `__all__` fields
    # a library view sets its own (empty) DRF classes; name: the REST_FRAMEWORK setting it voids
    DEFAULT_OVERRIDDEN = "default-overridden"


class CodeFact(Frozen):
    """One observation. `name` is a semantic qualifier (callee, variable, setting) that is
    stable across line moves and distinguishes several facts of one kind on one element."""

    kind: FactKind
    location: Location
    name: str
    from_input: Tri = Tri.UNKNOWN  # does request input reach it?
    detail: str = ""  # one human sentence: "f-string passed to cursor.execute"
