"""The Celery app: worker and beat for windows, deadlines, exports and memos."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "emenscr.settings.local")

app = Celery("emenscr")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
