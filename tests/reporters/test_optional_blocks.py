from threatdelta.reporters.optional_blocks import omit_absent_blocks


def test_absent_analyst_and_triage_blocks_are_dropped_and_others_kept() -> None:
    data = {"threats": [], "llm": None, "triage": None, "head_register": None}
    assert omit_absent_blocks(data) == {"threats": [], "head_register": None}


def test_blocks_that_ran_are_kept() -> None:
    data = {"llm": {"model": "m"}, "triage": {"entries": []}}
    assert omit_absent_blocks(dict(data)) == data
