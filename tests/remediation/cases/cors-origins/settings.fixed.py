"""Settings of a small project."""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

INSTALLED_APPS = ["django.contrib.auth", "corsheaders"]
MIDDLEWARE = ["corsheaders.middleware.CorsMiddleware"]
ROOT_URLCONF = "project.urls"

# ruleid: TD-I005
CORS_ALLOWED_ORIGINS = os.environ.get("CORS_ORIGINS", "").split(",")
CORS_ALLOW_CREDENTIALS = True
