"""The memo's PDF, rendered by a worker once the memo is issued."""

from celery import shared_task

from core.tasks import TRANSIENT

from .services import memo_render


@shared_task(time_limit=600, soft_time_limit=570, **TRANSIENT)
def memo_render_pdf(memo_id: int) -> str:
    """Render an issued memo's PDF (a no-op once it exists)."""
    return memo_render(memo_id=memo_id)
