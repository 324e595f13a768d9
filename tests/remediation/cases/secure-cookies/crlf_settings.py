"""Settings with Windows line endings."""

DEBUG = False

# ruleid: TD-S006
SESSION_COOKIE_SECURE = False
SESSION_COOKIE_HTTPONLY = True