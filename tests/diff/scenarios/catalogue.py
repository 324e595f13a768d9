"""Every pull-request scenario, by name: a base tree and what the pull request does to it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from scenarios import (
    express_notes,
    fastapi_users,
    flask_shop,
    generated,
    openapi_pets,
    terraform_reports,
)
from scenarios.builder import BuiltRepo, PullRequest, build_pull_request


@dataclass(frozen=True)
class Scenario:
    name: str
    base: Mapping[str, str | bytes]
    pr: PullRequest

    def build(self, root: Path) -> BuiltRepo:
        return build_pull_request(root, self.base, self.pr)


def _shop(name: str, write: Mapping[str, str | bytes]) -> Scenario:
    """A pull request that writes files of the Flask shop."""
    return Scenario(name, flask_shop.FILES, PullRequest(write=write))


# element keys the scenarios talk about
FEEDBACK = "endpoint:POST /api/feedback"
REQUIRE_AUTH_ENDPOINTS = frozenset(
    {"endpoint:GET /api/orders", "endpoint:POST /api/orders", "endpoint:GET /api/accounts/me"}
)
SHOP_ENDPOINTS = REQUIRE_AUTH_ENDPOINTS | {
    "endpoint:GET /health",
    "endpoint:POST /api/accounts/forgot-password",
}
USER = "endpoint:GET /api/users/{user_id}"
OWNER = "endpoint:GET /owners/{ownerId}"

SHOP_WITH_FEEDBACK = {**flask_shop.FILES, "shop/app.py": flask_shop.APP_WITH_FEEDBACK}
SPEC = {"api/openapi.yaml": openapi_pets.SPEC}

NEW_ENDPOINT = _shop("new-endpoint", {"shop/app.py": flask_shop.APP_WITH_FEEDBACK})

DOCS_ONLY = Scenario(
    "docs-only",
    flask_shop.FILES,
    PullRequest(
        write={
            "README.md": flask_shop.README + "\n## Deploying\n\nSee docs/deploy.md.\n",
            "docs/api.md": flask_shop.DOCS + "- `GET /api/accounts/me`: the caller's profile.\n",
            "docs/deploy.md": "# Deploying\n\nBuild the image and run `gunicorn shop.app:app`.\n",
        }
    ),
)

TEST_ACCOUNTS = """\
from shop.app import app


def test_me_needs_a_token():
    assert app.test_client().get("/api/accounts/me").status_code == 401
"""

SHARES_TEST = """\
import request from 'supertest';
import { app } from '../app';

describe('shares', () => {
  it('creates a share link for the owner', async () => {
    await request(app).post('/api/shares').send({ noteId: 'n1' }).expect(401);
  });
});
"""

PYTEST_ONLY = Scenario(
    "pytest-only",
    flask_shop.FILES,
    PullRequest(
        write={
            "tests/test_orders.py": flask_shop.TEST_ORDERS.replace("401", "403"),
            "tests/test_accounts.py": TEST_ACCOUNTS,
        }
    ),
)

JEST_ONLY = Scenario(
    "jest-only",
    express_notes.FILES,
    PullRequest(
        write={
            "test/notes.test.ts": express_notes.NOTES_TEST.replace(
                "rejects anonymous callers", "rejects callers without a token"
            ),
            "src/routes/shares.test.ts": SHARES_TEST,
        }
    ),
)

ROUTE_MOVED = _shop(
    "route-moved",
    {
        "shop/app.py": flask_shop.APP_WITH_PROFILE,
        "shop/views/accounts.py": flask_shop.ACCOUNTS_WITHOUT_ME,
        "shop/views/profile.py": flask_shop.PROFILE,
    },
)

ROUTE_FILE_RENAMED = Scenario(
    "route-file-renamed",
    flask_shop.FILES,
    PullRequest(
        move=[("shop/views/orders.py", "shop/views/order_routes.py")],
        write={"shop/app.py": flask_shop.APP_IMPORTING_ORDER_ROUTES},
    ),
)

AUTH_DECORATOR_CHANGED = _shop("auth-decorator-changed", {"shop/auth.py": flask_shop.AUTH_LOOSENED})

EXPRESS_GUARD_CHANGED = Scenario(
    "express-guard-changed",
    express_notes.FILES,
    PullRequest(write={"src/middleware/auth.ts": express_notes.AUTH_IGNORING_EXPIRY}),
)

RESPONSE_MODEL_EXPOSES_HASH = Scenario(
    "response-model-exposes-hash",
    fastapi_users.FILES_WITH_MODEL_IN_ROUTER,
    PullRequest(write={"directory/routers/users.py": fastapi_users.USERS_WITH_MODEL_AND_HASH}),
)

SCHEMAS_MODULE_EXPOSES_HASH = Scenario(
    "schemas-module-exposes-hash",
    fastapi_users.FILES,
    PullRequest(write={"directory/schemas.py": fastapi_users.SCHEMAS_WITH_HASH}),
)

OPENAPI_SCHEMA_EXPOSES_HASH = Scenario(
    "openapi-schema-exposes-hash",
    SPEC,
    PullRequest(write={"api/openapi.yaml": openapi_pets.SPEC_OWNER_WITH_HASH}),
)

AUTHENTICATION_ADDED = Scenario(
    "authentication-added",
    SHOP_WITH_FEEDBACK,
    PullRequest(write={"shop/app.py": flask_shop.APP_WITH_AUTHENTICATED_FEEDBACK}),
)

OPENAPI_SECURITY_REMOVED = Scenario(
    "openapi-security-removed",
    SPEC,
    PullRequest(write={"api/openapi.yaml": openapi_pets.SPEC_ANONYMOUS_DELETE}),
)

BUCKET_MADE_PUBLIC_BY_VARIABLE = Scenario(
    "bucket-public-by-variable",
    terraform_reports.FILES,
    PullRequest(write={"infra/variables.tf": terraform_reports.VARIABLES_TF_PUBLIC}),
)

ENDPOINT_DELETED = Scenario(
    "endpoint-deleted",
    express_notes.FILES,
    PullRequest(write={"src/routes/shares.ts": express_notes.SHARES_WITHOUT_DELETE}),
)

BINARY_AND_GENERATED_FILES = _shop(
    "binary-and-generated-files",
    {
        "shop/app.py": flask_shop.APP_WITH_FEEDBACK,
        "shop/static/logo.png": generated.png_image(),
        "shop/generated/postcodes.py": generated.generated_postcodes_module(1_200_000),
    },
)

RATE_LIMIT_ADDED = Scenario(
    "rate-limit-added",
    express_notes.FILES,
    PullRequest(write={"src/app.ts": express_notes.APP_WITH_RATE_LIMIT}),
)

SECURITY_HEADERS_DROPPED = Scenario(
    "security-headers-dropped",
    express_notes.FILES,
    PullRequest(write={"src/app.ts": express_notes.APP_WITHOUT_HELMET}),
)

CORS_OPENED = _shop("cors-opened", {"shop/app.py": flask_shop.APP_WITH_OPEN_CORS})

ROUTER_PREFIX_CHANGED = _shop(
    "router-prefix-changed", {"shop/app.py": flask_shop.APP_WITH_V2_ORDERS}
)

FASTAPI_DEPENDENCY_CHANGED = Scenario(
    "fastapi-dependency-changed",
    fastapi_users.FILES,
    PullRequest(write={"directory/security.py": fastapi_users.SECURITY_WITH_MASTER_TOKEN}),
)

FASTAPI_ROUTER_DEPENDENCY_CHANGED = Scenario(
    "fastapi-router-dependency-changed",
    {
        **fastapi_users.FILES,
        "directory/routers/users.py": fastapi_users.USERS_WITH_ROUTER_DEPENDENCY,
    },
    PullRequest(write={"directory/security.py": fastapi_users.SECURITY_WITH_MASTER_TOKEN}),
)

FASTAPI_APP_DEPENDENCY_CHANGED = Scenario(
    "fastapi-app-dependency-changed",
    {
        **fastapi_users.FILES,
        "directory/main.py": fastapi_users.MAIN_WITH_DEPENDENCY,
        "directory/routers/users.py": fastapi_users.USERS_WITHOUT_DEPENDS,
    },
    PullRequest(write={"directory/security.py": fastapi_users.SECURITY_WITH_MASTER_TOKEN}),
)

FLASK_HOOK_CHANGED = Scenario(
    "flask-hook-changed",
    {
        **flask_shop.FILES,
        "shop/app.py": flask_shop.APP_WITH_API_KEY_HOOK,
        "shop/auth.py": flask_shop.AUTH_WITH_API_KEY_CHECK,
    },
    PullRequest(write={"shop/auth.py": flask_shop.AUTH_WITH_LEGACY_API_KEY}),
)

AUTH_DECORATOR_REFORMATTED = _shop(
    "auth-decorator-reformatted", {"shop/auth.py": flask_shop.AUTH_REFORMATTED}
)

AUTH_DECORATOR_COMMENTED = _shop(
    "auth-decorator-commented", {"shop/auth.py": flask_shop.AUTH_COMMENTED}
)

APP_MODULE_BROKEN = _shop("app-module-broken", {"shop/app.py": flask_shop.APP_WITH_SYNTAX_ERROR})

NEW_MODULE_BROKEN = _shop(
    "new-module-broken", {"shop/views/refunds.py": flask_shop.REFUNDS_WITH_SYNTAX_ERROR}
)

NEW_MODULE_NOT_UTF8 = _shop(
    "new-module-not-utf8", {"shop/views/legacy.py": flask_shop.LEGACY_LATIN1}
)

ROUTE_ADDED_TO_MOUNTED_BLUEPRINT = _shop(
    "route-added-to-mounted-blueprint", {"shop/views/orders.py": flask_shop.ORDERS_WITH_CANCEL}
)

ROUTE_ADDED_BEHIND_GUARDED_MOUNT = Scenario(
    "route-added-behind-guarded-mount",
    {
        **express_notes.FILES,
        "src/app.ts": express_notes.APP_GUARDING_NOTES,
        "src/routes/notes.ts": express_notes.NOTES_UNGUARDED,
    },
    PullRequest(write={"src/routes/notes.ts": express_notes.NOTES_UNGUARDED_WITH_DELETE}),
)

ROUTE_ADDED_BEHIND_APP_DEPENDENCY = Scenario(
    "route-added-behind-app-dependency",
    FASTAPI_APP_DEPENDENCY_CHANGED.base,
    PullRequest(
        write={"directory/routers/users.py": fastapi_users.USERS_WITHOUT_DEPENDS_WITH_DELETE}
    ),
)

ALL: tuple[Scenario, ...] = (
    NEW_ENDPOINT,
    DOCS_ONLY,
    PYTEST_ONLY,
    JEST_ONLY,
    ROUTE_MOVED,
    ROUTE_FILE_RENAMED,
    AUTH_DECORATOR_CHANGED,
    EXPRESS_GUARD_CHANGED,
    RESPONSE_MODEL_EXPOSES_HASH,
    SCHEMAS_MODULE_EXPOSES_HASH,
    OPENAPI_SCHEMA_EXPOSES_HASH,
    AUTHENTICATION_ADDED,
    OPENAPI_SECURITY_REMOVED,
    BUCKET_MADE_PUBLIC_BY_VARIABLE,
    ENDPOINT_DELETED,
    BINARY_AND_GENERATED_FILES,
    RATE_LIMIT_ADDED,
    SECURITY_HEADERS_DROPPED,
    CORS_OPENED,
    ROUTER_PREFIX_CHANGED,
    FASTAPI_DEPENDENCY_CHANGED,
    FASTAPI_ROUTER_DEPENDENCY_CHANGED,
    FASTAPI_APP_DEPENDENCY_CHANGED,
    FLASK_HOOK_CHANGED,
    AUTH_DECORATOR_REFORMATTED,
    AUTH_DECORATOR_COMMENTED,
    APP_MODULE_BROKEN,
    NEW_MODULE_BROKEN,
    NEW_MODULE_NOT_UTF8,
    ROUTE_ADDED_TO_MOUNTED_BLUEPRINT,
    ROUTE_ADDED_BEHIND_GUARDED_MOUNT,
    ROUTE_ADDED_BEHIND_APP_DEPENDENCY,
)
