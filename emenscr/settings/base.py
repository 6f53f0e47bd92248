"""Settings shared by every environment; values come from the environment.

django-environ reads DATABASE_URL, REDIS_URL and the rest, so one image runs
everywhere (cookiecutter-django's layout). Each environment module below sets
only what differs.
"""

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import environ
import fontpkg_sarabun
from celery.schedules import crontab
from csp.constants import NONCE as CSP_NONCE

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "guardian",
    "django_htmx",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "csp",
    "core",
    "emenscr",
    "orgs",
    "windows",
    "projects",
    "reporting",
    "approvals",
    "memos",
    "kpis",
    "opendata",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.StripNulFromQueryMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a lockout into the Thai lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "emenscr.urls"
# Widgets render with the project's templates too (templates/projects/widgets/).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
WSGI_APPLICATION = "emenscr.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "approvals.context_processors.unread_notifications",
            ],
            "builtins": ["core.templatetags.thai", "core.templatetags.ui"],
        },
    },
]

# DATABASES: each environment module sets it (production requires DATABASE_URL).
# PostgreSQL's JIT compiles a plan once its estimated cost passes jit_above_cost; for our
# short reporting aggregates compiling took longer than running (370 of 430 ms in the
# five-band query at 10,000 projects), so the app's connections turn it off.
POSTGRES_OPTIONS = {"options": "-c jit=off"}
# Scale-out: reporting reads go to a read replica when DATABASE_REPLICA_URL is set
# (core/db.py; production.py adds the alias). Without it the router sends all to default.
DATABASE_ROUTERS = ["core.db.ReportingReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "orgs.User"
AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked-out username+IP before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    # Django's four validators with Thai messages (Django ships no Thai text for them).
    {"NAME": "orgs.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "orgs.password_validation.MinimumLengthValidator"},
    {"NAME": "orgs.password_validation.CommonPasswordValidator"},
    {"NAME": "orgs.password_validation.NumericPasswordValidator"},
]
# Login throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one username
# from one IP address, that pair is refused (even with the right password) for the cool-off.
# Behind a proxy REMOTE_ADDR is the proxy's address, so the lock is then per username.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "orgs.views.login_locked_out"
AXES_VERBOSE = False
# django-guardian: no anonymous user row; unauthenticated users get nothing.
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = True

LANGUAGE_CODE = "th"
LANGUAGES = [("th", "ไทย")]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
# Thai for the Django and DRF messages their own Thai catalogs leave in English
# (e.g. "Null characters are not allowed."); see locale/th/LC_MESSAGES/django.po.
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=VAR_DIR / "static")
# The Sarabun font (OFL) comes from the fontpkg-sarabun package; pages and
# PDF memos use the same files, served as static/fonts/.
SARABUN_DIR = Path(fontpkg_sarabun.__file__).resolve().parent / "files"
STATICFILES_DIRS = [BASE_DIR / "static", ("fonts", SARABUN_DIR)]
# The memo font (TH Sarabun's size, made by scripts/memo_fonts.py), read by WeasyPrint.
MEMO_FONT_DIR = BASE_DIR / "static" / "fonts"
# Uploaded level-3 plan documents (PDF) are refused above this size.
LEVEL3_DOCUMENT_MAX_MB = env.int("LEVEL3_DOCUMENT_MAX_MB", default=20)
# A memo prints a project list up to this many rows; a longer one goes out as Excel.
MEMO_PRINTED_ROWS = env.int("MEMO_PRINTED_ROWS", default=500)
# The unit (code) that compiles the monthly KPI report, seed 003's สำนักตรวจและประเมินผล:
# its staff and director draft and issue the report (memos/permissions.py).
KPI_REPORT_UNIT = env("KPI_REPORT_UNIT", default="0209")
# Issued memos' PDFs are signed (PAdES) with this PKCS#12 certificate when it is set
# (default off); the passphrase comes from the environment too, never from the code.
# The monthly KPI report (seed 003) is the report of this unit by default: the Office
# of the Permanent Secretary, whose สำนักตรวจและประเมินผล compiles it. Units are data:
# another ministry sets its own codes.
KPI_REPORT_ROOT = env("KPI_REPORT_ROOT", default="OPS")
# The units that compile the KPI report: their staff and directors import KPI
# workbooks for every unit, a unit's own staff only for theirs.
KPI_EVALUATION_UNITS = env.list("KPI_EVALUATION_UNITS", default=["0209"])
MEMO_SIGNING_P12 = env("MEMO_SIGNING_P12", default="")
MEMO_SIGNING_PASSPHRASE = env("MEMO_SIGNING_PASSPHRASE", default="")
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Content Security Policy (django-csp 4): scripts only from our own static files (a page
# that must inline one uses {{ request.csp_nonce }}), no framing, no plugins, forms post
# here only. Inline styles stay allowed: templates and server-drawn SVG charts carry
# computed widths in style attributes, and CSS cannot run script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", CSP_NONCE],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="emenscr@localhost")
# Where links in e-mails point.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

# Celery: Redis in production and in the tests; make run uses an embedded
# filesystem broker (settings/local.py) so nothing has to be installed.
REDIS_URL = env("REDIS_URL", default="redis://127.0.0.1:6379/0")


def redis_database(url: str, number: int) -> str:
    """The same Redis server with another database number (redis://host:port/N)."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{number}"))


CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 15 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 14 * 60
# Redis redelivers a task whose worker died unacknowledged after visibility_timeout: it must
# exceed the longest task (export_job_run, 30 min) or a running task is delivered twice.
# The chaos tests shorten it (and the restore sweep) through the environment.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=60 * 60),
    "unacked_restore_interval": env.int("CELERY_UNACKED_RESTORE_INTERVAL", default=10),
    "unacked_restore_throttle": env.int("CELERY_UNACKED_RESTORE_THROTTLE", default=10),
    # Fail fast instead of hanging when Redis vanishes (core.outbox keeps the work).
    "socket_connect_timeout": 2,
    "socket_timeout": 10,
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_IGNORE_RESULT = True
# Scale-out: with CELERY_HEAVY_QUEUE set (e.g. "heavy"), exports and memo PDFs go to that
# queue, served by workers of their own (docs/SCALING.md); unset, one queue serves all.
CELERY_HEAVY_QUEUE = env("CELERY_HEAVY_QUEUE", default="")
CELERY_TASK_ROUTES = ("emenscr.celery.route_task",)
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE = {
    # Idempotent: running often costs little and a missed run is made good by the next.
    "deadlines": {"task": "reporting.tasks.deadlines_tick", "schedule": 15 * 60},
    "pyp-digest": {"task": "reporting.tasks.pyp_digest", "schedule": crontab(hour=7, minute=30)},
    # Tasks queued while Redis was down wait in the outbox (core.outbox) until this runs.
    "outbox-relay": {"task": "core.tasks.outbox_relay", "schedule": 30},
    # The list's counts stay exact without it; folding keeps them a row per key.
    "project-tallies": {"task": "projects.tasks.tallies_compact", "schedule": 10 * 60},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # WeasyPrint logs every layout step at INFO; keep its warnings only.
    "loggers": {"weasyprint.progress": {"level": "WARNING"}},
}


# Django's cache: the public portal's pages (opendata.cache) and the API's throttle
# counters. Each environment module sets CACHES (production: Redis; make run: files
# under var/, shared by web and worker; tests: memory).
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}
# The public portal (/open/): anonymous visitors' rate per address, how long a page stays
# cached (an approval or a freeze replaces it sooner), and the catalogue's office contact.
OPEN_DATA_RATE = env("OPEN_DATA_RATE", default="120/minute")
OPEN_DATA_CACHE_SECONDS = env.int("OPEN_DATA_CACHE_SECONDS", default=24 * 60 * 60)
OPEN_DATA_CONTACT_NAME = env("OPEN_DATA_CONTACT_NAME", default="กลุ่ม ป.ย.ป. สำนักงานปลัดกระทรวงแรงงาน")
OPEN_DATA_CONTACT_EMAIL = env("OPEN_DATA_CONTACT_EMAIL", default=DEFAULT_FROM_EMAIL)
OPEN_DATA_LICENSE = env("OPEN_DATA_LICENSE", default="https://opendefinition.org/licenses/cc-by/")

# The API (/api/v1/): session for the browser, personal tokens for other systems; the
# permission policy decides the rest. Open data (the strategy tree and statistics
# without login) only when OPEN_DATA is on.
OPEN_DATA = env.bool("OPEN_DATA", default=False)
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "orgs.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "core.api.StrictPageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("API_THROTTLE_ANON", default="60/minute"),
        "user": env("API_THROTTLE_USER", default="600/minute"),
    },
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "EXCEPTION_HANDLER": "core.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "eMENSCR กระทรวงแรงงาน API",
    "DESCRIPTION": (
        "ข้อมูลโครงการ (M1–M6) ยุทธศาสตร์ชาติ หน่วยงาน รอบการรายงาน สรุปความก้าวหน้า ๕ ระดับ "
        "และการอนุมัติ (M7) สิทธิ์เป็นไปตามบทบาทของผู้ใช้เช่นเดียวกับหน้าเว็บ "
        "ยืนยันตัวตนด้วยโทเค็นส่วนตัว (Authorization: Bearer <โทเค็น>) หรือเซสชันของเบราว์เซอร์"
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
}
