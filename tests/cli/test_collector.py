"""A command runs with rare full garbage collections, and the process's thresholds are
restored afterwards, also when the command fails."""

from __future__ import annotations

import gc

import pytest

from threatdelta.cli.collector import FULL_COLLECTION_EVERY, rare_full_collections


def test_full_collections_are_rare_inside_and_restored_after() -> None:
    before = gc.get_threshold()
    with rare_full_collections():
        inside = gc.get_threshold()
    assert inside[:2] == before[:2]
    assert inside[2] == max(before[2], FULL_COLLECTION_EVERY)
    assert gc.get_threshold() == before


def test_thresholds_are_restored_when_the_command_fails() -> None:
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), rare_full_collections():
        raise RuntimeError("command failed")
    assert gc.get_threshold() == before
