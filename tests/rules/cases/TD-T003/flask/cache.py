"""A small cache in front of Redis."""

import json
import pickle

import redis

client = redis.Redis()


def cached(key):
    blob = client.get(key)
    # ruleid: TD-T003
    return pickle.loads(blob) if blob else None


def cached_json(key):
    blob = client.get(key)
    # ok: TD-T003
    return json.loads(blob) if blob else None
