ROOT_URLCONF = "drf_default_authentication_urls"
INSTALLED_APPS = ["django.contrib.auth", "rest_framework", "rest_framework.authtoken"]
REST_FRAMEWORK = {
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": "20/minute"},
}
