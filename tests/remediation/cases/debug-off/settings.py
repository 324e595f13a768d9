"""Settings of a small project."""

from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

# ruleid: TD-I002
DEBUG = True

INSTALLED_APPS = ["django.contrib.auth"]
ROOT_URLCONF = "project.urls"
