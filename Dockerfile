# The threatdelta GitHub Action: `threatdelta ci` in a container with git.
# The runner mounts the workspace (owned by another uid) and sets the working directory
# itself, so there is no USER or WORKDIR here. .ci/tools/docker-steps.sh replays these steps
# in a virtualenv (APP_DIR -> a temporary folder) and runs the entrypoint on a fixture event.
FROM python:3.11.11-slim-bookworm

ENV APP_DIR=/opt/threatdelta \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# git reads both commits of a pull request; the workspace belongs to the runner's user, so
# every folder is marked safe for git (system-wide: HOME is replaced by the runner).
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends git \
    && rm -rf /var/lib/apt/lists/* \
    && git config --system --add safe.directory '*'

COPY pyproject.toml README.md ${APP_DIR}/
COPY src ${APP_DIR}/src
# The package itself, from the copied source (its dependency ranges are in pyproject.toml).
# hadolint ignore=DL3013
RUN pip install "${APP_DIR}"

ENTRYPOINT ["threatdelta", "ci"]
