"""The Celery settings the fault tests rely on, checked where they are set."""

from django.conf import settings

from emenscr.celery import app


def task_limits() -> dict[str, int]:
    app.loader.import_default_modules()
    return {
        name: task.time_limit or app.conf.task_time_limit
        for name, task in app.tasks.items()
        if not name.startswith("celery.")
    }


def test_redis_redelivers_a_lost_task_only_after_the_longest_task_would_have_ended():
    limits = task_limits()

    assert "reporting.tasks.export_job_run" in limits
    assert settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] > max(limits.values())


def test_a_task_is_acknowledged_after_it_ran_and_given_back_when_its_worker_dies():
    assert settings.CELERY_TASK_ACKS_LATE is True
    assert settings.CELERY_TASK_REJECT_ON_WORKER_LOST is True
    assert settings.CELERY_WORKER_PREFETCH_MULTIPLIER == 1


def test_beat_relays_the_outbox_every_30_seconds():
    relay = settings.CELERY_BEAT_SCHEDULE["outbox-relay"]

    assert relay == {"task": "core.tasks.outbox_relay", "schedule": 30}
