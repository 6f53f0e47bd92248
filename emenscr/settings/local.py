"""make run: the whole product on one machine with nothing to install.

SQLite for the database and a filesystem broker for Celery (kombu's
`filesystem://` transport), both under var/.
"""

from .base import *  # noqa: F403
from .base import VAR_DIR, env

SECRET_KEY = env("SECRET_KEY", default="insecure-local-only-key-for-make-run")
# Off by default, so a newcomer meets the Thai error pages, not Django's debug page
# (which prints the environment); DEBUG=true turns it on for developers.
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'emenscr.sqlite3'}")}
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Web, worker and beat share the file: wait for a lock instead of failing.
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# WhiteNoise serves the apps' static files straight from their folders (no collectstatic).
WHITENOISE_USE_FINDERS = True

_BROKER_DIR = VAR_DIR / "broker"
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="filesystem://")
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "data_folder_in": str(_BROKER_DIR / "queue"),
    "data_folder_out": str(_BROKER_DIR / "queue"),
    "processed_folder": str(_BROKER_DIR / "processed"),
    "store_processed": False,
}

# Files under var/cache: the web server and the Celery worker (which freezes rounds)
# share the portal's cache generation without Redis.
CACHES = {
    "default": env.cache_url("CACHE_URL", default=f"filecache://{VAR_DIR / 'cache'}"),
}
