"""The AI analyst in the Action: on when the `anthropic-api-key` input is set.

The key comes from the input (masked in the log); the model and endpoint from
`THREATDELTA_LLM_MODEL` and `ANTHROPIC_BASE_URL` when the workflow sets them. On a pull
request the analyst looks at the elements the change added or modified, on a push at the
whole model; its answers are cached in the same folder as the diff cache (not at all when
the analysed commit tracks that folder). It changes the gate only with the `llm-gate` input
(or `llm-gate: true` in the settings file): otherwise `gate.decide` does not let a threat of
the analyst alone fail; its coverage never makes the run incomplete.
"""

from __future__ import annotations

from collections.abc import Mapping

from threatdelta.github.ci_analysis import Analysis, cache_for
from threatdelta.github.settings import ActionEnv, ActionInputs
from threatdelta.llm.runs import llm_diff, llm_scan
from threatdelta.llm.settings import LlmOverrides, LlmSettings, from_env


def action_llm_settings(inputs: ActionInputs, environ: Mapping[str, str]) -> LlmSettings:
    """Off without the input; else the key of the input and the model/endpoint variables."""
    key = inputs.anthropic_api_key.get_secret_value()
    if not key:
        return LlmSettings()
    return from_env(environ, LlmOverrides(enabled=True, api_key=key))


def with_llm(analysis: Analysis, env: ActionEnv, settings: LlmSettings) -> Analysis:
    """The analysis with the analyst's threats, usage and notes (unchanged when off)."""
    if not settings.enabled:
        return analysis
    cache, _ = cache_for(env.workspace, analysis.commit)  # its note is in the analysis
    delta = analysis.delta
    if delta is not None:
        delta = llm_diff(
            delta, env.workspace, settings, cache_dir=cache, use_cache=cache is not None
        )
        register = delta.head_register or analysis.full_register
        report: object = delta
    else:
        register = llm_scan(
            analysis.full_register,
            env.workspace,
            settings,
            cache_dir=cache,
            use_cache=cache is not None,
        )
        report = register
    return analysis.model_copy(update={"report": report, "full_register": register})
