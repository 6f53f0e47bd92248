# Production image: gunicorn web, Celery worker and beat share it (docker-compose.yml).
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=emenscr.settings.production
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN SECRET_KEY=collectstatic-only DATABASE_URL=sqlite:////tmp/x.sqlite3 ALLOWED_HOSTS=localhost \
    python manage.py collectstatic --noinput
RUN useradd --system --home /app emenscr && mkdir -p /app/var/media && chown -R emenscr /app/var
USER emenscr
EXPOSE 8000
CMD ["gunicorn", "emenscr.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "4", "--timeout", "60"]
