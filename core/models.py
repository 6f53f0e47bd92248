"""The transactional outbox."""

from django.db import models


class OutboxMessage(models.Model):
    """A Celery task to publish, written in the same transaction as the work that asks for it.

    A page that saves never depends on Redis being up: the row commits with the
    page's data, and `core.outbox` publishes it after commit or, when the
    broker was down, later from the periodic relay. `sent_at` is set once, under
    a row lock, by whoever published it.
    """

    task = models.CharField("งาน", max_length=200)
    args = models.JSONField("อาร์กิวเมนต์", default=list, blank=True)
    kwargs = models.JSONField("อาร์กิวเมนต์แบบระบุชื่อ", default=dict, blank=True)
    created_at = models.DateTimeField("สร้างเมื่อ", auto_now_add=True)
    sent_at = models.DateTimeField("ส่งเข้าคิวเมื่อ", null=True, blank=True)
    attempts = models.PositiveIntegerField("จำนวนครั้งที่ส่งไม่สำเร็จ", default=0)
    last_error = models.CharField("ข้อผิดพลาดล่าสุด", max_length=500, blank=True)

    class Meta:
        # Born in the `emenscr` package (migration emenscr 0001); the table kept its name.
        db_table = "emenscr_outboxmessage"
        ordering = ["pk"]
        verbose_name = "งานรอส่งเข้าคิว"
        verbose_name_plural = "งานรอส่งเข้าคิว"
        indexes = [
            # The relay reads the pending rows only.
            models.Index(
                fields=["id"], condition=models.Q(sent_at__isnull=True), name="outbox_pending"
            )
        ]

    def __str__(self):
        return f"{self.task} #{self.pk}"
