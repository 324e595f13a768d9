"""The AI analyst's lines in human summaries (Markdown and SARIF run properties): which
model and prompt ran, what it cost, what it did not cover. Absent when it did not run."""

from __future__ import annotations

from threatdelta.llm.usage import LlmRun
from threatdelta.reporters.escape import escape_markdown

_NAMED = 10


def llm_markdown_parts(run: LlmRun | None) -> list[str]:
    """A `## AI analyst` section for a Markdown summary, or nothing."""
    if run is None:
        return []
    lines = [
        f"Threats found by the AI analyst alone are labelled (AI analyst, unverified by rules) "
        f"and do not fail the gate unless configured. Model {escape_markdown(run.model)}, "
        f"prompt version {escape_markdown(run.prompt_version)}.",
        "",
        f"- {escape_markdown(run.usage.line())}",
    ]
    if run.not_analysed:
        named = ", ".join(escape_markdown(key) for key in run.not_analysed[:_NAMED])
        more = len(run.not_analysed) - _NAMED
        tail = f" and {more} more" if more > 0 else ""
        lines.append(f"- Not analysed by the LLM: {named}{tail} (see the notifications).")
    return ["## AI analyst", "\n".join(lines)]


def llm_run_properties(run: LlmRun | None) -> dict[str, object]:
    """SARIF run properties naming the model and prompt version, or nothing."""
    if run is None:
        return {}
    return {
        "llmModel": run.model,
        "llmPromptVersion": run.prompt_version,
        "llmUsage": run.usage.model_dump(mode="json"),
        "llmNotAnalysed": list(run.not_analysed),
    }
