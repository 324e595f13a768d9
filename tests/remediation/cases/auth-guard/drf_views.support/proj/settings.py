INSTALLED_APPS = ["rest_framework"]
ROOT_URLCONF = "proj.urls"
