"""Production: every secret from the environment, HTTPS only.

Required: SECRET_KEY, DATABASE_URL, REDIS_URL, ALLOWED_HOSTS. Optional:
EMAIL_URL, DEFAULT_FROM_EMAIL, CSRF_TRUSTED_ORIGINS, SECURE_HSTS_SECONDS.
"""

from .base import *  # noqa: F403
from .base import POSTGRES_OPTIONS, REDIS_URL, env, redis_database

SECRET_KEY = env("SECRET_KEY")
DEBUG = False
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"]["OPTIONS"] = POSTGRES_OPTIONS
if env("DATABASE_REPLICA_URL", default=""):
    # A streaming replica for reporting reads (core/db.py, docs/SCALING.md).
    DATABASES["replica"] = {
        **env.db("DATABASE_REPLICA_URL"),
        "CONN_MAX_AGE": DATABASES["default"]["CONN_MAX_AGE"],
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": POSTGRES_OPTIONS,
        "TEST": {"MIRROR": "default"},
    }
# The cache (the public portal's pages, the API's throttle counters) in Redis: CACHE_URL,
# else REDIS_URL's server with database 1 (Celery's queues keep theirs to themselves).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": env("CACHE_URL", default=redis_database(REDIS_URL, 1)),
        "KEY_PREFIX": "emenscr",
    }
}
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
