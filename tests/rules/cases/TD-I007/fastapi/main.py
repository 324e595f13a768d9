"""Webhook relay: partners call in with a shared secret."""

from fastapi import FastAPI, Header

app = FastAPI(title="relay")


# ruleid: TD-I007
@app.post("/hooks/{partner}")
def receive_hook(partner: str, payload: dict, secret: str):
    return {"partner": partner, "accepted": verify(partner, secret)}


# ok: TD-I007
@app.post("/v2/hooks/{partner}")
def receive_hook_v2(partner: str, payload: dict, x_relay_secret: str = Header()):
    return {"partner": partner, "accepted": verify(partner, x_relay_secret)}


def verify(partner, secret):
    return bool(secret)
