ROOT_URLCONF = "proj.urls"
INSTALLED_APPS = ["django.contrib.auth", "shop"]
