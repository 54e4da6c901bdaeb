"""Settings for Năng suất.

Everything is here; production differs only by environment variables. Quick-start needs
nothing installed: SQLite when DATABASE_URL is unset, Celery eager and an in-memory cache when
REDIS_URL is unset.
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "development-only-insecure-key-never-used-in-production"  # noqa: S105
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "core",
    "accounts",
    "accounts.admin_config.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_htmx",
    "simple_history",
    "enterprises",
    "programs",
    "programs.applications",
    "training",
    "reports",
    "facts",
    "national",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After WhiteNoise (which serves its own pre-compressed static files), before anything that
    # reads or writes a response body.
    "core.middleware.PageGZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.middleware.PrivateCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "nangsuat.urls"
WSGI_APPLICATION = "nangsuat.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.navigation",
                "programs.context_processors.agency_identity",
            ],
        },
    },
]

# --- Data -------------------------------------------------------------------------------
VAR_DIR.mkdir(exist_ok=True)
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update({"timeout": 20, "transaction_mode": "IMMEDIATE"})
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
if not REDIS_URL and not DEBUG:
    raise ImproperlyConfigured(
        "REDIS_URL must be set when DEBUG is off: without a broker, reports would be built inside the "
        "web process and the Celery worker would receive nothing."
    )

# The default cache backs allauth's login rate limit; it must not depend on Redis.
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "django_cache"}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
SESSION_ENGINE = "django.contrib.sessions.backends.db"

MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
# Uploaded and generated files (documents, attachments, evidence, reports) are read and written
# only through the storage API, so several web and worker nodes can share them: the file system
# (MEDIA_ROOT) by default, an S3-compatible object store (AWS S3, MinIO, ...) when S3_BUCKET is
# set. Either way files have no public URL: they are served only through views that check
# permissions (core.files.stream_file); MEDIA_URL is never routed.
S3_BUCKET = env.str("S3_BUCKET", default="")
if S3_BUCKET:
    _S3_ENDPOINT_URL = env.str("S3_ENDPOINT_URL", default="") or None
    DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": _S3_ENDPOINT_URL,
            "region_name": env.str("S3_REGION", default="") or None,
            # Unset: boto3's own chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, an instance role).
            "access_key": env.str("S3_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("S3_SECRET_ACCESS_KEY", default="") or None,
            "location": env.str("S3_PREFIX", default=""),
            # MinIO and most self-hosted stores want path-style addressing.
            "addressing_style": env.str("S3_ADDRESSING_STYLE", default="path" if _S3_ENDPOINT_URL else "") or None,
            "default_acl": None,
            "file_overwrite": False,
            # A file read for a download spools to disk above 2 MB instead of growing in memory.
            "max_memory_size": 2 * 1024 * 1024,
        },
    }
else:
    DEFAULT_STORAGE = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": MEDIA_ROOT, "base_url": "/_private/"},
    }
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
MAX_UPLOAD_SIZE = env.int("MAX_UPLOAD_SIZE", default=10 * 1024 * 1024)

# --- Celery -----------------------------------------------------------------------------
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_RESULT_BACKEND = REDIS_URL  # read only by core.ping (the worker round-trip check)
    CELERY_TASK_ALWAYS_EAGER = False
else:
    CELERY_BROKER_URL = "memory://"
    CELERY_RESULT_BACKEND = "cache+memory://"
    CELERY_TASK_ALWAYS_EAGER = True
    CELERY_TASK_EAGER_PROPAGATES = True
# Fire-and-forget work never touches the result backend (requests publish nothing themselves:
# they write to the outbox, see core.outbox).
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# The longest task (a report build) may run REPORTS_BUILD_TIME_LIMIT seconds; no task runs longer
# than that, and a message whose worker died comes back one minute after the limit.
REPORTS_BUILD_TIME_LIMIT = env.int("REPORTS_BUILD_TIME_LIMIT", default=5 * 60)
CELERY_TASK_TIME_LIMIT = 5 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 4 * 60
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": max(REPORTS_BUILD_TIME_LIMIT, CELERY_TASK_TIME_LIMIT) + 60,
    "max_retries": 1,
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
}
# One queue per test worker (tests/conftest.py); "celery" everywhere else.
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_DEFAULT_QUEUE", default="celery")
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "Asia/Ho_Chi_Minh"
# Seconds between outbox deliveries (e-mails, queued tasks) when no request nudged the worker.
OUTBOX_INTERVAL = env.int("OUTBOX_INTERVAL", default=10)
CELERY_BEAT_SCHEDULE = {
    "core-deliver-outbox": {
        "task": "core.deliver_outbox",
        "schedule": timedelta(seconds=OUTBOX_INTERVAL),
        "options": {"expires": OUTBOX_INTERVAL * 6},
    },
    "reports-requeue-stale": {
        "task": "reports.requeue_stale",
        "schedule": timedelta(minutes=1),
        "options": {"expires": 60},
    },
    "reports-create-due": {"task": "reports.create_due_reports", "schedule": timedelta(days=1)},
    "applications-send-reminders": {"task": "applications.send_reminders", "schedule": timedelta(days=1)},
    # The nightly full rebuild of the yearly facts (the same numbers as the refreshes after each change).
    "facts-rebuild-all": {"task": "facts.rebuild_all", "schedule": crontab(hour=2, minute=30)},
}

# --- Accounts -----------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:home"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Năng suất] "
# The sixth wrong password in a row for one account is refused; other accounts on the same
# address keep their own budget (60 failures a minute per address).
ACCOUNT_RATE_LIMITS = {"login_failed": "60/m/ip,5/15m/key"}
# Rate limits (allauth's and the status lookup's, through core.ratelimit.client_address) key on
# the client's address: REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT proxies of ours the address
# the outermost of them appended to X-Forwarded-For (what a client writes there itself is never
# trusted); or the header TRUSTED_CLIENT_IP_HEADER names (e.g. X-Real-IP) when the proxy sets one.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env.str("TRUSTED_CLIENT_IP_HEADER", default="") or None
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Năng suất"
# Internal roles must have TOTP before any internal page. Switching it off is development-only.
MFA_REQUIRED_FOR_INTERNAL = env.bool("MFA_REQUIRED", default=True)
if not MFA_REQUIRED_FOR_INTERNAL and not DEBUG:
    raise ImproperlyConfigured("MFA_REQUIRED=0 is allowed only with DEBUG on.")

# --- E-mail -------------------------------------------------------------------------------
if env.str("EMAIL_URL", default=""):
    _email = env.email_url("EMAIL_URL")
    MAILERS = {
        "default": {
            "BACKEND": _email["EMAIL_BACKEND"],
            "OPTIONS": {
                "host": _email.get("EMAIL_HOST", "localhost"),
                "port": _email.get("EMAIL_PORT", 25),
                "username": _email.get("EMAIL_HOST_USER", ""),
                "password": _email.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": _email.get("EMAIL_USE_TLS", False),
                "use_ssl": _email.get("EMAIL_USE_SSL", False),
            }
            if _email["EMAIL_BACKEND"].endswith("smtp.EmailBackend")
            else {},
        }
    }
elif DEBUG:
    # Development mailbox: one file per message under var/mail.
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": env.str("MAIL_DIR", default=str(VAR_DIR / "mail"))},
        }
    }
else:
    raise ImproperlyConfigured("EMAIL_URL must be set when DEBUG is off.")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Năng suất <no-reply@nangsuat.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The address people reach the portal at: every link in an e-mail is built on it (an e-mail is
# often sent by the worker, with no request to take a host from). Required with DEBUG off.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000" if DEBUG else "").rstrip("/")
if not SITE_URL and not DEBUG:
    raise ImproperlyConfigured("SITE_URL must be set when DEBUG is off (e.g. https://nangsuat.example.gov.vn).")
if not SITE_URL.startswith(("https://", "http://")) or SITE_URL.count("/") != 2:
    raise ImproperlyConfigured(
        "SITE_URL must be a scheme and a host, without a path (e.g. https://nangsuat.example.gov.vn)."
    )
# The name e-mails greet and sign with (never the host name).
SITE_NAME = env.str("SITE_NAME", default="Cổng thông tin Năng suất chất lượng")

# --- Internationalisation -----------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
# Hand-kept catalogues for third-party packages without a "vi" one (allauth; django-filter and simple-history).
LOCALE_PATHS = [
    BASE_DIR / "locale",
    BASE_DIR / "accounts" / "locale_allauth",
    BASE_DIR / "core" / "locale_packages",
]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
FORMAT_MODULE_PATH = ["nangsuat.formats"]

# --- UI -------------------------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# --- Programme --------------------------------------------------------------------------------
# Reference-code prefixes of support applications are kept per agency (programs.Agency.code_prefix).
# Pins the portal's date (YYYY-MM-DD) for a demo or a rehearsal; see core.clock.
PORTAL_TODAY = env.str("PORTAL_TODAY", default="") or None
# The agency whose name heads the public pages (its code); empty: the first agency in operation.
PORTAL_AGENCY = env.str("PORTAL_AGENCY", default="")

# --- Security ---------------------------------------------------------------------------------
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
# Every cookie (session, CSRF, language) is SameSite=Lax, and Secure when DEBUG is off.
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = not DEBUG
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # WeasyPrint logs every page it lays out at INFO.
    "loggers": {"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}
