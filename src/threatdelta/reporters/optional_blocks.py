"""Blocks of the JSON documents that exist only when their feature ran."""

from __future__ import annotations

from typing import Any

OPTIONAL_BLOCKS = ("llm", "triage")  # the AI analyst's run; triage from the register


def omit_absent_blocks(data: dict[str, Any]) -> dict[str, Any]:
    """Drop each optional block that is None: the document of a run without the AI analyst
    or a register is the document of before, byte for byte."""
    for key in OPTIONAL_BLOCKS:
        if key in data and data[key] is None:
            del data[key]
    return data
