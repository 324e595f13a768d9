"""Settings of a small project."""

DEBUG = False
ALLOWED_HOSTS = ["app.example.com"]

# ruleid: TD-S006
SESSION_COOKIE_SECURE = False
