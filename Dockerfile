# One image for every service of the production shape: the migration job, the web process
# (gunicorn; static files by whitenoise), the Celery worker and Celery beat. Each runs
# deploy/entrypoint.sh (the same script `make prod-check` runs on loopback in CI).
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
# Build-time values only, so that the production settings load: nothing is connected to.
RUN DEBUG=1 python manage.py compilemessages --ignore=.venv -v0 \
 && DEBUG=0 SECRET_KEY=build-only-collectstatic-key-not-used-at-runtime-0123456789 EMAIL_URL=consolemail:// SITE_URL=https://build-only.invalid \
    REDIS_URL=redis://build-only:6379/0 deploy/entrypoint.sh collectstatic \
 && useradd --create-home --uid 1000 nangsuat && mkdir -p /app/var && chown -R nangsuat /app/var
USER nangsuat
EXPOSE 8000
ENTRYPOINT ["deploy/entrypoint.sh"]
CMD ["web"]
