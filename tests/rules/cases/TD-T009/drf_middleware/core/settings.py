ROOT_URLCONF = "core.urls"
INSTALLED_APPS = ["rest_framework", "board"]
# DRF checks CSRF in SessionAuthentication itself; no plain Django view here
# ok: TD-T009
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
