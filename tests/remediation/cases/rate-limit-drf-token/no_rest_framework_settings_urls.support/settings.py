ROOT_URLCONF = "no_rest_framework_settings_urls"
INSTALLED_APPS = ["django.contrib.auth", "rest_framework", "rest_framework.authtoken"]
