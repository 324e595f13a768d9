ROOT_URLCONF = "proj.urls"
INSTALLED_APPS = ["django.contrib.auth"]
# ruleid: TD-S011
ALLOWED_HOSTS = ["api.example.com", "*"]
