"""The web server of the PostgreSQL-restart test: the test settings with persistent
connections, as production has them (CONN_MAX_AGE > 0 and CONN_HEALTH_CHECKS)."""

from emenscr.settings.test import *  # noqa: F403
from emenscr.settings.test import DATABASES, env

DATABASES["default"]["CONN_MAX_AGE"] = 60
DATABASES["default"]["CONN_HEALTH_CHECKS"] = env.bool("CHAOS_CONN_HEALTH_CHECKS", default=True)
