INSTALLED_APPS = ["django.contrib.auth"]
# ok: TD-S011
ALLOWED_HOSTS = [".example.com", "localhost"]
