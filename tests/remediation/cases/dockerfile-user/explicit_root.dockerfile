FROM python:3.12-slim
RUN useradd --system app
USER app
COPY . /app
# ruleid: TD-E012
USER root
CMD ["python", "/app/main.py"]
