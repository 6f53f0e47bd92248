"""The Celery app: worker and beat for windows, deadlines, exports and memos."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "emenscr.settings.local")

app = Celery("emenscr")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Long, memory-hungry work that gets workers of its own once one machine is outgrown.
HEAVY_TASKS = {"reporting.tasks.export_job_run", "memos.tasks.memo_render_pdf"}


def route_task(name, args, kwargs, options, task=None, **kw):
    """Celery's task router: heavy tasks to CELERY_HEAVY_QUEUE when it is set."""
    from django.conf import settings

    if settings.CELERY_HEAVY_QUEUE and name in HEAVY_TASKS:
        return {"queue": settings.CELERY_HEAVY_QUEUE}
    return None
