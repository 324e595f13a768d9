"""Token helpers shared by the handlers."""

import jwt


def claims_of(header):
    token = header.removeprefix("Bearer ")
    # ruleid: TD-S003
    return jwt.decode(token, algorithms=["RS256"], options={"verify_signature": False})


def verified_claims(header, public_key):
    token = header.removeprefix("Bearer ")
    # ok: TD-S003
    return jwt.decode(token, public_key, algorithms=["RS256"], audience="shop")
