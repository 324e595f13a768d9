#!/usr/bin/env bash
# Replay the action's Dockerfile install steps in a fresh virtualenv (there is no Docker
# engine where .ci/run runs), then run its ENTRYPOINT the way the Actions runner does: in the
# workspace, with GITHUB_* variables and INPUT_* inputs, on a pull_request event for a
# repository built from fixtures/demo-pr.
#
#   bash .ci/tools/docker-steps.sh
#
# What is replayed, read from the Dockerfile itself (the script fails if its shape changes):
#   ENV      every variable (APP_DIR points into the temporary folder instead of /opt)
#   RUN      the `git config --system ...` part of the apt-get step, into a temporary system
#            config (GIT_CONFIG_SYSTEM); git itself must be installed on the machine
#   COPY     each source into APP_DIR
#   RUN      the pip install step, with the virtualenv's pip
#   ENTRYPOINT  run in the workspace; as root, the workspace is chowned to another uid, as
#            on a runner, so that the safe.directory setting is what lets git read it
# Checked: exit code 1 and gate=fail (the demo PR introduces high threats, fail-on high), the
# outputs file, a SARIF file with results, a job summary.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
PYTHON=${PYTHON:-python3}
WORK="$(mktemp -d "${TMPDIR:-/tmp}/threatdelta-docker-steps.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
say() { printf 'docker-steps: %s\n' "$*" >&2; }
fail() { say "FAILED: $*"; exit 1; }

# The Dockerfile with continuation lines joined, comments dropped.
instructions() {
  sed -e '/^[[:space:]]*#/d' "$ROOT/Dockerfile" | sed -e ':a' -e '/\\$/N; s/\\\n[[:space:]]*/ /; ta'
}

export HOME="$WORK/home" GIT_CONFIG_SYSTEM="$WORK/gitconfig"
unset GIT_CONFIG_NOSYSTEM GIT_DIR GIT_WORK_TREE
mkdir -p "$HOME"
: >"$GIT_CONFIG_SYSTEM"
command -v git >/dev/null || fail "git is not installed"

# ENV (APP_DIR relocated)
env_line=$(instructions | grep -E '^ENV ' | head -n1) || fail "no ENV in the Dockerfile"
for assignment in ${env_line#ENV }; do
  export "${assignment?}"
done
[ -n "${APP_DIR:-}" ] || fail "the Dockerfile's ENV sets no APP_DIR"
export APP_DIR="$WORK/app"
mkdir -p "$APP_DIR"

# RUN apt-get ... && git config --system ...
git_step=$(instructions | grep -E '^RUN .*apt-get install.* git' | grep -oE 'git config --system [^&]*') \
  || fail "no 'git config --system' in the apt-get step of the Dockerfile"
say "git step: $git_step"
bash -c "$git_step"

# COPY sources -> APP_DIR
while read -r _ line; do
  read -r -a parts <<<"$line"
  dest="${parts[-1]//\$\{APP_DIR\}/$APP_DIR}"
  for source in "${parts[@]:0:${#parts[@]}-1}"; do
    mkdir -p "$(dirname "$dest")"
    cp -R "$ROOT/$source" "$dest"
  done
done < <(instructions | grep -E '^COPY ')
[ -f "$APP_DIR/pyproject.toml" ] || fail "COPY did not bring pyproject.toml into APP_DIR"

# RUN pip install ...
"$PYTHON" -m venv "$WORK/venv"
pip_step=$(instructions | grep -E '^RUN pip install ' | head -n1) || fail "no pip install step"
say "pip step: ${pip_step#RUN } (APP_DIR=$APP_DIR)"
PATH="$WORK/venv/bin:$PATH" bash -c "${pip_step#RUN } --quiet"

# ENTRYPOINT ["threatdelta", "ci"]
entry=$(instructions | grep -E '^ENTRYPOINT ' | head -n1) || fail "no ENTRYPOINT"
read -r -a command <<<"$("$WORK/venv/bin/python" -c 'import json, sys; print(" ".join(json.loads(sys.argv[1])))' "${entry#ENTRYPOINT }")"
[ "${command[*]}" = "threatdelta ci" ] || fail "unexpected ENTRYPOINT: ${command[*]}"

# A pull request repository and its event, as the runner provides them.
repo="$WORK/workspace"
cp -R "$ROOT/fixtures/demo-pr/base" "$repo"
git -C "$repo" init --quiet --initial-branch=main
git -C "$repo" -c user.name=t -c user.email=t@example.invalid add --all
git -C "$repo" -c user.name=t -c user.email=t@example.invalid commit --quiet -m base
base=$(git -C "$repo" rev-parse HEAD)
git -C "$repo" checkout --quiet -b bulk-import
cp -R "$ROOT/fixtures/demo-pr/pr/." "$repo/"
git -C "$repo" -c user.name=t -c user.email=t@example.invalid add --all
git -C "$repo" -c user.name=t -c user.email=t@example.invalid commit --quiet -m change
head=$(git -C "$repo" rev-parse HEAD)
"$WORK/venv/bin/python" - "$ROOT/tests/github/events/pull_request_opened.json" "$base" "$head" \
  >"$WORK/event.json" <<'PY'
import json, sys
event = json.load(open(sys.argv[1], encoding="utf-8"))
event["pull_request"]["base"]["sha"], event["pull_request"]["head"]["sha"] = sys.argv[2:4]
print(json.dumps(event))
PY
if [ "$(id -u)" = 0 ]; then
  chown -R 1001:1001 "$repo"  # the runner's user owns the workspace, the container is root
fi

set +e
(
  cd "$repo"
  env GITHUB_ACTIONS=true GITHUB_EVENT_NAME=pull_request GITHUB_EVENT_PATH="$WORK/event.json" \
    GITHUB_REPOSITORY=octo-org/octo-repo GITHUB_SHA="$head" GITHUB_REF=refs/pull/7/merge \
    GITHUB_WORKSPACE="$repo" GITHUB_OUTPUT="$WORK/output" GITHUB_STEP_SUMMARY="$WORK/summary" \
    "INPUT_GITHUB-TOKEN=" "INPUT_FAIL-ON=high" "INPUT_SARIF=file" \
    "$WORK/venv/bin/${command[0]}" "${command[@]:1}"
) >"$WORK/log" 2>&1
status=$?
set -e
sed 's/^/  | /' "$WORK/log" >&2
[ "$status" -eq 1 ] || fail "exit code $status, expected 1 (gate fail)"
grep -qx 'gate=fail' "$WORK/output" || fail "no gate=fail output"
grep -qx 'sarif-file=threatdelta.sarif' "$WORK/output" || fail "no sarif-file output"
"$WORK/venv/bin/python" -c '
import json, sys
runs = json.load(open(sys.argv[1], encoding="utf-8"))["runs"]
assert runs[0]["results"], "no results in the SARIF file"
' "$repo/threatdelta.sarif" || fail "the SARIF file has no results"
grep -q 'Gate: FAIL' "$WORK/summary" || fail "the job summary has no gate"
say "ok: threatdelta ci from the Dockerfile's install steps exits 1 with gate=fail"
