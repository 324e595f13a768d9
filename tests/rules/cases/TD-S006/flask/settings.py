"""Flask settings loaded with app.config.from_object."""

import os

SECRET_KEY = os.environ.get("SHOP_SECRET_KEY")
# ruleid: TD-S006
SESSION_COOKIE_SECURE = False
# ok: TD-S006
SESSION_COOKIE_HTTPONLY = True
PERMANENT_SESSION_LIFETIME = 3600
