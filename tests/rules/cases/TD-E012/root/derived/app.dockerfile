# The final stage builds on a stage that already switched to an unprivileged user.
FROM ruby:3.3-slim AS base
RUN useradd app
USER app:app

# ok: TD-E012
FROM base
COPY . /srv
