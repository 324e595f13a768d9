"""Settings with Windows line endings."""

DEBUG = False

# ruleid: TD-S006
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True