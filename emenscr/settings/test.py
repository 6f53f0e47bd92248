"""make test: real PostgreSQL and Redis on loopback (scripts/services.sh)."""

from .base import *  # noqa: F403
from .base import POSTGRES_OPTIONS, env

SECRET_KEY = "insecure-test-only-key"
DEBUG = False
ALLOWED_HOSTS = ["*"]
DATABASES = {
    "default": env.db("DATABASE_URL", default="postgres://emenscr:emenscr@127.0.0.1:5432/emenscr")
}
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"]["OPTIONS"] = POSTGRES_OPTIONS
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# A Redis database of its own, so tests never share queues with a running product.
CELERY_BROKER_URL = env("TEST_CELERY_BROKER_URL", default="redis://127.0.0.1:6379/15")
# The schema fuzzing sends thousands of requests a minute; throttling is tested on its own.
REST_FRAMEWORK = {
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute", "user": "100000/minute"},
}
# One process: the cache in memory (tests clear it; tests/conftest.py).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The portal's crawl sends many requests; its limit is tested on its own.
OPEN_DATA_RATE = "100000/minute"
