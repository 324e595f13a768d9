"""The explicit rule catalogue. A meta-test fails on any rule module not listed here."""

from __future__ import annotations

from threatdelta.rules.spec import Rule
from threatdelta.rules.spoofing import unauthenticated_state_change

RULES: tuple[Rule, ...] = (
    # spoofing
    unauthenticated_state_change,
    # tampering
    # repudiation
    # information disclosure
    # denial of service
    # elevation of privilege
)
