import os

import jwt

SECRET = os.environ["JWT_SECRET"]


def read_token(token):
    # ruleid: TD-S004
    return jwt.decode(token, SECRET, algorithms=["HS256", "none"])
