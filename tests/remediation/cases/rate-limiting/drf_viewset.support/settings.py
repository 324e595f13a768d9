ROOT_URLCONF = "urls"
INSTALLED_APPS = ["django.contrib.auth", "rest_framework"]
REST_FRAMEWORK = {
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_THROTTLE_RATES": {"anon": "60/minute"},
}
