ROOT_URLCONF = "site.urls"
INSTALLED_APPS = ["django.contrib.auth", "django.contrib.sessions", "forum"]
# ruleid: TD-T009
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
