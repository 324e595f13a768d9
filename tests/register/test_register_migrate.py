"""Register file versions: the upgrade chain, a newer file refused, a bad version refused."""

from __future__ import annotations

import pytest

from threatdelta.register.migrate import RawRegister, VersionProblem, file_version, upgrade


def _rename_reason(raw: RawRegister) -> RawRegister:
    """A version-0 style step: `reason` became `justification`."""
    decisions = raw.get("decisions")
    assert isinstance(decisions, list)
    renamed = [
        {("justification" if k == "reason" else k): v for k, v in d.items()} for d in decisions
    ]
    return {**raw, "decisions": renamed}


def test_upgrade_walks_the_chain_of_steps_to_the_current_version() -> None:
    old = {"version": 0, "decisions": [{"target": "rule:TD-S001", "reason": "why"}]}
    new = upgrade(old, {0: _rename_reason})
    assert new["version"] == 1
    assert new["decisions"] == [{"target": "rule:TD-S001", "justification": "why"}]


def test_a_current_file_is_returned_as_it_is() -> None:
    raw = {"version": 1, "decisions": []}
    assert upgrade(raw) is raw
    assert file_version({}) == 1


@pytest.mark.parametrize(
    ("raw", "said"),
    [
        ({"version": 2}, "newer than this threatdelta understands"),
        ({"version": 0}, "not a known version"),
        ({"version": "one"}, "whole number"),
        ({"version": True}, "whole number"),
        ({"version": [1]}, "whole number"),
    ],
)
def test_unknown_versions_are_refused_with_a_clear_message(raw: RawRegister, said: str) -> None:
    with pytest.raises(VersionProblem, match=said):
        upgrade(raw)
