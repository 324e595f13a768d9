"""The summary body's shape: low severities folded, the size limit kept by dropping the
lowest severities first, then a cut that closes what it opened."""

from __future__ import annotations

from threatdelta.github.summary_fit import collapse_low, fit_summary, size

HIGH = "- **high** · TD-S001 high one"
MEDIUM = "- **medium** · TD-T002 medium one"
LOW = "- **low** · TD-I003 low one"


def test_runs_of_low_items_are_folded_into_details() -> None:
    text = collapse_low("\n".join(["## x", HIGH, LOW, LOW, "", "para", LOW]))
    assert text.count("<details><summary>2 low-severity threats</summary>") == 1
    assert text.count("<details><summary>1 low-severity threat</summary>") == 1
    assert text.split("\n")[1] == HIGH


def test_a_summary_within_the_limit_is_only_folded() -> None:
    text, truncated = fit_summary("\n".join([HIGH, MEDIUM]), limit=1000)
    assert (text, truncated) == ("\n".join([HIGH, MEDIUM]), False)


def test_lowest_severities_go_first() -> None:
    markdown = "\n".join([HIGH, *[MEDIUM] * 5, *[LOW] * 50])
    text, truncated = fit_summary(markdown, limit=400)
    assert truncated
    assert size(text) <= 400
    assert HIGH in text
    assert text.count(MEDIUM) == 5
    assert "50 low-severity threats not shown here" in text

    text, _ = fit_summary(markdown, limit=200)
    assert HIGH in text
    assert MEDIUM not in text
    assert "5 medium-severity threats not shown here" in text


def test_a_cut_closes_an_open_fence_and_details_and_points_to_the_job_summary() -> None:
    markdown = "<details>\n\n```mermaid\n" + "a --> b\n" * 500 + "```\n\n</details>\n"
    text, truncated = fit_summary(markdown, limit=1000)
    assert truncated
    assert size(text) <= 1000
    assert text.count("```") == 2
    assert text.count("</details>") == 1
    assert text.rstrip().endswith("has the full report.")


def test_characters_outside_the_bmp_count_twice() -> None:
    text, _ = fit_summary("\U0001f512" * 600, limit=1000)
    assert size(text) <= 1000
