# One image for web (gunicorn), Celery worker and Celery beat.
FROM python:3.13-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
      libmagic1 gettext fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .
RUN DEBUG=1 python manage.py compilemessages --ignore=.venv -v0 \
 && DEBUG=0 SECRET_KEY=build-only-collectstatic-key-not-used-at-runtime-0123456789 EMAIL_URL=consolemail:// \
    python manage.py collectstatic --noinput -v0 \
 && useradd --create-home --uid 1000 nangsuat && mkdir -p /app/var && chown -R nangsuat /app/var
USER nangsuat
EXPOSE 8000
CMD ["gunicorn", "nangsuat.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
