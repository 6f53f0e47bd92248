"""Fixtures of the fault tests: a Redis of our own, the environment of the workers we start,
and a record of the figures each run measured (var/chaos/results.json, for RELIABILITY.md)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from django.db import connection

from .servers import ROOT, RedisServer

RESULTS = ROOT / "var" / "chaos" / "results.json"


@pytest.fixture
def chaos_redis(monkeypatch):
    """A Redis server of this test's own; the test process publishes to it."""
    from emenscr.celery import app

    redis = RedisServer()
    redis.start()
    monkeypatch.setitem(app.conf, "broker_url", redis.url)
    try:
        yield redis
    finally:
        redis.stop()


@pytest.fixture
def media(settings, tmp_path) -> Path:
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = root
    return root


@pytest.fixture
def worker_env(chaos_redis, media, tmp_path) -> dict:
    """What a worker process we start needs: this test's database, broker and media,
    and a short visibility timeout so a task whose worker was killed comes back in
    seconds rather than the production hour."""
    db = connection.settings_dict
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "emenscr.settings.test",
        "DATABASE_URL": (
            f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
        ),
        "TEST_CELERY_BROKER_URL": chaos_redis.url,
        "MEDIA_ROOT": str(media),
        "CELERY_VISIBILITY_TIMEOUT": "3",
        "CELERY_UNACKED_RESTORE_INTERVAL": "1",
        "CELERY_UNACKED_RESTORE_THROTTLE": "1",
        "EMENSCR_CHAOS_PAUSE_FLAG": str(tmp_path / "paused.pid"),
    }


def record(name: str, figures: dict) -> None:
    """Keep the figures of the latest run of each fault test."""
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    results[name] = figures
    RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
