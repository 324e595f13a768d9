"""Sensitive-data classification of field and parameter names, word by word."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

from threatdelta.model.base import DataClass

# Checked in this order: the first class with a matching word (or word pair) wins.
_WORDS: tuple[tuple[DataClass, frozenset[str]], ...] = (
    (
        DataClass.CREDENTIALS,
        frozenset(
            {
                "password",
                "passwd",
                "pwd",
                "passphrase",
                "pin",
                "otp",
                "credential",
                "credentials",
                "passcode",
            }
        ),
    ),
    (
        DataClass.SECRETS,
        frozenset(
            {
                "secret",
                "private_key",
                "privatekey",
                "signing_key",
                "client_secret",
                "secret_key",
                "encryption_key",
                "master_key",
            }
        ),
    ),
    (
        DataClass.TOKENS,
        frozenset(
            {
                "token",
                "tokens",
                "jwt",
                "api_key",
                "apikey",
                "session",
                "session_id",
                "sessionid",
                "refresh",
                "bearer",
                "cookie",
                "access_key",
            }
        ),
    ),
    (
        DataClass.PAYMENT,
        frozenset(
            {
                "card",
                "card_number",
                "cardnumber",
                "pan",
                "cvv",
                "cvc",
                "iban",
                "account_number",
                "routing_number",
                "billing",
                "bic",
                "swift",
            }
        ),
    ),
    (
        DataClass.HEALTH,
        frozenset(
            {
                "diagnosis",
                "diagnoses",
                "medical",
                "health",
                "prescription",
                "allergy",
                "allergies",
                "blood",
                "condition",
                "conditions",
                "medication",
                "medications",
            }
        ),
    ),
    (
        DataClass.PII,
        frozenset(
            {
                "email",
                "e_mail",
                "phone",
                "mobile",
                "ssn",
                "social_security",
                "passport",
                "birth",
                "dob",
                "birthdate",
                "date_of_birth",
                "address",
                "postcode",
                "zip",
                "zipcode",
                "national_id",
                "first_name",
                "last_name",
                "full_name",
                "surname",
                "firstname",
                "lastname",
                "fullname",
            }
        ),
    ),
)


def name_words(name: str) -> list[str]:
    """camelCase, kebab-case and snake_case names to lower-case words."""
    snake = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name)
    return [w for w in re.split(r"[^a-z0-9]+", snake.lower()) if w]


def classify(name: str) -> DataClass | None:
    """The sensitive data class a field or parameter name suggests, if any."""
    words = name_words(name)
    candidates = set(words) | {a + "_" + b for a, b in itertools.pairwise(words)}
    for data_class, vocabulary in _WORDS:
        if candidates & vocabulary:
            return data_class
    return None


def classify_all(names: Iterable[str]) -> tuple[DataClass, ...]:
    """Distinct data classes of several names, in a stable order."""
    found = {c for c in (classify(n) for n in names) if c is not None}
    return tuple(c for c in DataClass if c in found)
