"""What the LLM analyst spent in one run, as reported in the JSON, SARIF and summaries."""

from __future__ import annotations

from pydantic import Field

from threatdelta.model.base import Frozen


class LlmUsage(Frozen):
    """Counts of one run. Tokens come from the API's `usage` of each answered call; `calls`
    counts HTTP attempts (the SDK's retries included)."""

    calls: int = Field(default=0, ge=0)
    input_tokens: int = Field(default=0, ge=0)
    output_tokens: int = Field(default=0, ge=0)
    cache_read_tokens: int = Field(default=0, ge=0)  # prompt-cache reads (the system prompt)
    cache_write_tokens: int = Field(default=0, ge=0)  # prompt-cache writes
    cached_answers: int = Field(default=0, ge=0)  # elements answered from the on-disk cache
    incomplete: int = Field(default=0, ge=0)  # elements whose analysis did not finish
    not_analysed: int = Field(default=0, ge=0)  # elements the budget or a failure left out

    @property
    def total_tokens(self) -> int:
        """Every token billed: input (cache reads and writes included) and output."""
        return (
            self.input_tokens
            + self.cache_read_tokens
            + self.cache_write_tokens
            + self.output_tokens
        )

    def plus(self, other: LlmUsage) -> LlmUsage:
        return LlmUsage(
            **{name: getattr(self, name) + getattr(other, name) for name in LlmUsage.model_fields}
        )

    def line(self) -> str:
        """One plain-text line for summaries."""
        return (
            f"LLM usage: {self.calls} call(s), {self.input_tokens} input + "
            f"{self.output_tokens} output tokens (prompt cache: {self.cache_read_tokens} read, "
            f"{self.cache_write_tokens} written), {self.cached_answers} answer(s) from the "
            f"cache, {self.incomplete} incomplete, {self.not_analysed} element(s) not analysed"
        )


class LlmRun(Frozen):
    """What the JSON and SARIF output say about the analyst's run (present only when it ran)."""

    model: str
    prompt_version: str
    usage: LlmUsage
    not_analysed: tuple[str, ...] = ()  # element keys the analyst did not (fully) cover
