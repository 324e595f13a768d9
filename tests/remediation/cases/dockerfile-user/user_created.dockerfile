# ruleid: TD-E012
FROM debian:bookworm-slim
RUN useradd --create-home worker
COPY worker /usr/local/bin/worker
CMD ["worker"]
