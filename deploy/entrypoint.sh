#!/bin/sh
# The one entrypoint of the production shape: the Dockerfile builds with it, every
# docker-compose.yml service runs it, and `make prod-check` runs it on loopback.
#
#   deploy/entrypoint.sh collectstatic   static files, hashed and compressed (whitenoise; at build time)
#   deploy/entrypoint.sh migrate         migrations and the cache table (a one-off job before the rest)
#   deploy/entrypoint.sh web             gunicorn on $BIND (0.0.0.0:8000), $WEB_CONCURRENCY workers (3)
#   deploy/entrypoint.sh worker          Celery worker, $CELERY_CONCURRENCY processes (2)
#   deploy/entrypoint.sh beat            Celery beat (one per deployment), schedule in $CELERY_BEAT_SCHEDULE_FILE
#   deploy/entrypoint.sh manage ARGS     manage.py ARGS (createsuperuser, backup, restore, ...)
#   deploy/entrypoint.sh CMD ARGS        any other command, as given
#
# Settings come from the environment only (README, "Production shape"). $PYTHON picks the
# interpreter (default: python on PATH).
set -eu
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python}"

command="${1:-web}"
[ $# -gt 0 ] && shift
case "$command" in
  collectstatic)
    exec "$PYTHON" manage.py collectstatic --noinput --verbosity 1
    ;;
  migrate)
    "$PYTHON" manage.py migrate --noinput
    exec "$PYTHON" manage.py createcachetable
    ;;
  web)
    # X-Forwarded-* headers are believed from $FORWARDED_ALLOW_IPS only (gunicorn reads it;
    # default 127.0.0.1); rate limits read the client address per TRUSTED_PROXY_COUNT.
    exec "$PYTHON" -m gunicorn nangsuat.wsgi:application \
      --bind "${BIND:-0.0.0.0:8000}" \
      --workers "${WEB_CONCURRENCY:-3}" \
      --access-logfile - \
      "$@"
    ;;
  worker)
    exec "$PYTHON" -m celery -A nangsuat worker \
      --loglevel "${CELERY_LOG_LEVEL:-info}" \
      --concurrency "${CELERY_CONCURRENCY:-2}" \
      "$@"
    ;;
  beat)
    exec "$PYTHON" -m celery -A nangsuat beat \
      --loglevel "${CELERY_LOG_LEVEL:-info}" \
      --schedule "${CELERY_BEAT_SCHEDULE_FILE:-var/celerybeat-schedule}" \
      "$@"
    ;;
  manage)
    exec "$PYTHON" manage.py "$@"
    ;;
  *)
    exec "$command" "$@"
    ;;
esac
