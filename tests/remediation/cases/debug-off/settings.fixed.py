"""Settings of a small project."""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

# ruleid: TD-I002
DEBUG = os.environ.get("DJANGO_DEBUG") == "1"

INSTALLED_APPS = ["django.contrib.auth"]
ROOT_URLCONF = "project.urls"
