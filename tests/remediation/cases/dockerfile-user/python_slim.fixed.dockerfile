# ruleid: TD-E012
FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
EXPOSE 8000
RUN useradd --system --uid 10001 app
USER app
CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]
