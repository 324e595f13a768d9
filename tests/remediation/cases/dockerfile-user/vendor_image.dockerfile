# ruleid: TD-E012
FROM registry.example.com/platform/base:4.2
COPY server /usr/local/bin/server
CMD ["server"]
