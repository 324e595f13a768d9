"""An Actions job's environment for `threatdelta ci` tests: the event file, the runner's
variables, the inputs as the runner names them (`INPUT_FAIL-ON`), and readers for what the
run wrote (outputs, step summary)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from ci_repo import PrRepository

EVENTS = Path(__file__).resolve().parent / "events"
REPOSITORY = "octo-org/octo-repo"
PR_NUMBER = 7
_HEREDOC = re.compile(r"^(?P<name>[a-z-]+)<<(?P<delim>\S+)\n(?P<value>.*?)\n(?P=delim)\n", re.S)


def pull_request_event(where: Path, pr: PrRepository, action: str = "opened") -> Path:
    """A realistic pull_request payload naming the repository's base and head commits."""
    event = json.loads((EVENTS / "pull_request_opened.json").read_text(encoding="utf-8"))
    event["action"] = action
    event["pull_request"]["base"]["sha"] = pr.base_sha
    event["pull_request"]["head"]["sha"] = pr.head_sha
    path = where / "event.json"
    path.write_text(json.dumps(event), encoding="utf-8")
    return path


def push_event(where: Path, sha: str, ref: str = "refs/heads/main") -> Path:
    event = json.loads((EVENTS / "push_main.json").read_text(encoding="utf-8"))
    event["after"], event["ref"] = sha, ref
    path = where / "event.json"
    path.write_text(json.dumps(event), encoding="utf-8")
    return path


def actions_env(
    job: Path,
    workspace: Path,
    event_path: Path,
    *,
    event_name: str = "pull_request",
    sha: str = "",
    api_url: str = "",
    inputs: dict[str, str] | None = None,
) -> dict[str, str]:
    """GITHUB_* variables and INPUT_* inputs as the runner sets them for a Docker action."""
    env = {
        "GITHUB_ACTIONS": "true",
        "GITHUB_EVENT_NAME": event_name,
        "GITHUB_EVENT_PATH": str(event_path),
        "GITHUB_REPOSITORY": REPOSITORY,
        "GITHUB_SHA": sha or "0" * 40,
        "GITHUB_REF": f"refs/pull/{PR_NUMBER}/merge",
        "GITHUB_WORKSPACE": str(workspace),
        "GITHUB_OUTPUT": str(job / "set_output"),
        "GITHUB_STEP_SUMMARY": str(job / "step_summary"),
        "GITHUB_SERVER_URL": "https://github.com",
        "GITHUB_RUN_ID": "4242",
        "INPUT_GITHUB-TOKEN": "",
        "INPUT_SARIF": "file",
    }
    if api_url:
        env["GITHUB_API_URL"] = api_url
    for name, value in (inputs or {}).items():
        env[f"INPUT_{name.upper()}"] = value
    return env


def read_outputs(job: Path) -> dict[str, str]:
    text = (job / "set_output").read_text(encoding="utf-8")
    values: dict[str, str] = {}
    while text:
        if match := _HEREDOC.match(text):
            values[match["name"]] = match["value"]
            text = text[match.end() :]
            continue
        line, _, text = text.partition("\n")
        name, _, value = line.partition("=")
        values[name] = value
    return values


def read_summary(job: Path) -> str:
    return (job / "step_summary").read_text(encoding="utf-8")
