"""A small Flask shop: blueprints mounted by the app, a home-grown `require_auth` decorator
in `shop/auth.py` used by routes in two other modules, a README, docs and tests."""

from __future__ import annotations

APP = """\
from flask import Flask

from shop.views.accounts import bp as accounts_bp
from shop.views.orders import bp as orders_bp

app = Flask(__name__)
app.register_blueprint(orders_bp, url_prefix="/api/orders")
app.register_blueprint(accounts_bp, url_prefix="/api/accounts")


@app.get("/health")
def health():
    return {"status": "ok"}
"""

AUTH = """\
import functools

from flask import abort, g, request

from shop.tokens import lookup_token


def require_auth(view):
    \"\"\"Reject the request unless it carries a valid bearer token.\"\"\"

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        header = request.headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token:
            abort(401)
        user = lookup_token(token)
        if user is None:
            abort(401)
        g.user = user
        return view(*args, **kwargs)

    return wrapper
"""

# The PR loosens the check: a token in the query string is now accepted too.
AUTH_LOOSENED = AUTH.replace(
    """        header = request.headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token:
            abort(401)
""",
    """        header = request.headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer":
            token = request.args.get("access_token", "")
        if not token:
            abort(401)
""",
)

TOKENS = """\
import hmac

SESSIONS: dict[str, str] = {}


def lookup_token(token: str) -> str | None:
    for known, user in SESSIONS.items():
        if hmac.compare_digest(known, token):
            return user
    return None
"""

ORDERS = """\
import logging

from flask import Blueprint, g, jsonify, request

from shop.auth import require_auth
from shop.store import orders_of, save_order

bp = Blueprint("orders", __name__)
audit_log = logging.getLogger("audit")


@bp.get("")
@require_auth
def list_orders():
    return jsonify(orders_of(g.user)[:50])


@bp.post("")
@require_auth
def create_order():
    payload = request.get_json()
    order = save_order(g.user, item=payload["item"], quantity=int(payload["quantity"]))
    audit_log.info("order %s created by %s", order["id"], g.user)
    return jsonify(order), 201
"""

ACCOUNTS = """\
from flask import Blueprint, g, jsonify, request

from shop.auth import require_auth
from shop.mail import send_reset_link
from shop.store import profile_of

bp = Blueprint("accounts", __name__)


@bp.post("/forgot-password")
def request_password_reset():
    send_reset_link(request.get_json()["email"])
    return jsonify({"sent": True}), 202


@bp.get("/me")
@require_auth
def me():
    profile = profile_of(g.user)
    return jsonify({"email": profile["email"], "name": profile["name"]})
"""

STORE = """\
import itertools

_ORDERS: list[dict] = []
_IDS = itertools.count(1)


def orders_of(user: str) -> list[dict]:
    return [o for o in _ORDERS if o["owner"] == user]


def save_order(user: str, *, item: str, quantity: int) -> dict:
    order = {"id": next(_IDS), "owner": user, "item": item, "quantity": quantity}
    _ORDERS.append(order)
    return order


def profile_of(user: str) -> dict:
    return {"email": f"{user}@example.invalid", "name": user}
"""

README = """\
# shop

A small order service. Run it with `flask --app shop.app run`.
"""

DOCS = """\
# API

- `GET /api/orders`: the caller's orders (bearer token).
- `POST /api/orders`: place an order (bearer token).
"""

TEST_ORDERS = """\
from shop.app import app


def test_orders_need_a_token():
    client = app.test_client()
    assert client.get("/api/orders").status_code == 401
"""

FILES = {
    "shop/__init__.py": "",
    "shop/app.py": APP,
    "shop/auth.py": AUTH,
    "shop/tokens.py": TOKENS,
    "shop/store.py": STORE,
    "shop/views/__init__.py": "",
    "shop/views/orders.py": ORDERS,
    "shop/views/accounts.py": ACCOUNTS,
    "README.md": README,
    "docs/api.md": DOCS,
    "tests/test_orders.py": TEST_ORDERS,
}

# Scenario: the PR adds an anonymous feedback form to the app module.
FEEDBACK_ROUTE = """\


@app.post("/api/feedback")
def send_feedback():
    payload = request.get_json()
    save_feedback(payload["email"], payload["message"])
    return jsonify({"received": True}), 201
"""

APP_WITH_FEEDBACK = (
    APP.replace("from flask import Flask\n", "from flask import Flask, jsonify, request\n").replace(
        "from shop.views.orders import bp as orders_bp\n",
        "from shop.views.orders import bp as orders_bp\nfrom shop.store import save_feedback\n",
    )
    + FEEDBACK_ROUTE
)

# Scenario: the PR moves `GET /api/accounts/me`, unchanged, into a profile blueprint that
# is mounted under the same prefix.
ACCOUNTS_WITHOUT_ME = ACCOUNTS.replace(
    """

@bp.get("/me")
@require_auth
def me():
    profile = profile_of(g.user)
    return jsonify({"email": profile["email"], "name": profile["name"]})
""",
    "",
)

PROFILE = """\
from flask import Blueprint, g, jsonify

from shop.auth import require_auth
from shop.store import profile_of

bp = Blueprint("profile", __name__)


@bp.get("/me")
@require_auth
def me():
    profile = profile_of(g.user)
    return jsonify({"email": profile["email"], "name": profile["name"]})
"""

APP_WITH_PROFILE = APP.replace(
    "from shop.views.orders import bp as orders_bp\n",
    "from shop.views.orders import bp as orders_bp\n"
    "from shop.views.profile import bp as profile_bp\n",
).replace(
    'app.register_blueprint(accounts_bp, url_prefix="/api/accounts")\n',
    'app.register_blueprint(accounts_bp, url_prefix="/api/accounts")\n'
    'app.register_blueprint(profile_bp, url_prefix="/api/accounts")\n',
)

# Scenario: the follow-up PR puts the feedback form behind the shop's login.
APP_WITH_AUTHENTICATED_FEEDBACK = APP_WITH_FEEDBACK.replace(
    "from shop.store import save_feedback\n",
    "from shop.auth import require_auth\nfrom shop.store import save_feedback\n",
).replace(
    '@app.post("/api/feedback")\ndef send_feedback():',
    '@app.post("/api/feedback")\n@require_auth\ndef send_feedback():',
)

# Scenario: the PR renames the orders module (git mv) and fixes the one import of it.
APP_IMPORTING_ORDER_ROUTES = APP.replace(
    "from shop.views.orders import bp as orders_bp\n",
    "from shop.views.order_routes import bp as orders_bp\n",
)

# Scenario: the PR lets every origin call the API with the user's cookies.
APP_WITH_OPEN_CORS = APP.replace(
    "from flask import Flask\n", "from flask import Flask\nfrom flask_cors import CORS\n"
).replace(
    "app = Flask(__name__)\n",
    'app = Flask(__name__)\nCORS(app, origins="*", supports_credentials=True)\n',
)

# Scenario: the PR mounts the orders blueprint under a versioned prefix.
APP_WITH_V2_ORDERS = APP.replace('url_prefix="/api/orders"', 'url_prefix="/api/v2/orders"')

# The shop with an app-wide API-key check registered as a before_request hook.
APP_WITH_API_KEY_HOOK = APP.replace(
    "from shop.views.accounts import bp as accounts_bp\n",
    "from shop.auth import check_api_key\nfrom shop.views.accounts import bp as accounts_bp\n",
).replace("app = Flask(__name__)\n", "app = Flask(__name__)\napp.before_request(check_api_key)\n")

AUTH_WITH_API_KEY_CHECK = (
    AUTH
    + """

def check_api_key():
    if not hmac.compare_digest(request.headers.get("X-Api-Key", ""), API_KEY):
        abort(401)
"""
)
AUTH_WITH_API_KEY_CHECK = AUTH_WITH_API_KEY_CHECK.replace(
    "import functools\n", "import functools\nimport hmac\nimport os\n"
).replace(
    "from shop.tokens import lookup_token\n",
    'from shop.tokens import lookup_token\n\nAPI_KEY = os.environ.get("SHOP_API_KEY", "")\n',
)

# Scenario: the PR lets the old partner key through the hook as well.
AUTH_WITH_LEGACY_API_KEY = AUTH_WITH_API_KEY_CHECK.replace(
    """    if not hmac.compare_digest(request.headers.get("X-Api-Key", ""), API_KEY):
        abort(401)
""",
    """    given = request.headers.get("X-Api-Key", "")
    if given == "partner-2019":
        return None
    if not hmac.compare_digest(given, API_KEY):
        abort(401)
""",
)

# Scenario: the PR only reformats the decorator (a formatter's line wrap and quote style).
AUTH_REFORMATTED = AUTH.replace(
    '        header = request.headers.get("Authorization", "")\n',
    "        header = request.headers.get(\n            'Authorization', ''\n        )\n",
)

# Scenario: the PR only documents the decorator.
AUTH_COMMENTED = AUTH.replace(
    "        user = lookup_token(token)\n",
    "        # tokens are opaque; shop.tokens maps them to users\n"
    "        user = lookup_token(token)\n",
)

# Scenario: the PR leaves the app module half-edited (an unclosed decorator call).
APP_WITH_SYNTAX_ERROR = APP_WITH_FEEDBACK.replace(
    '@app.post("/api/feedback")\n', '@app.post("/api/feedback"\n'
)

REFUNDS_WITH_SYNTAX_ERROR = """\
from flask import Blueprint, jsonify, request

bp = Blueprint("refunds", __name__)


@bp.post("/refunds")
def request_refund(:
    return jsonify(request.get_json()), 201
"""

# A module saved in Latin-1 by an old editor.
LEGACY_LATIN1 = (
    "# Gutschriften f\xfcr \xc4nderungen\n"
    "from flask import Blueprint\n\n"
    'bp = Blueprint("legacy", __name__)\n'
).encode("latin-1")

# Scenario: the PR adds a cancel route to the orders blueprint (mounted by the unchanged
# app module) and forgets the decorator.
ORDERS_WITH_CANCEL = (
    ORDERS.replace(
        "from shop.store import orders_of, save_order\n",
        "from shop.store import cancel_order, orders_of, save_order\n",
    )
    + """

@bp.post("/<int:order_id>/cancel")
def cancel(order_id: int):
    cancel_order(order_id)
    return jsonify({"cancelled": order_id})
"""
)
