"""User storage helpers."""

import hashlib

USERS = {}


def hash_password(password):
    # ruleid: TD-S005
    return hashlib.md5(password.encode("utf-8")).hexdigest()


def save_user(username, password_hash):
    USERS[username] = password_hash
