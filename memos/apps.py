from django.apps import AppConfig


class MemosConfig(AppConfig):
    name = "memos"
    verbose_name = "บันทึกข้อความ"

    def ready(self):
        from . import permissions  # noqa: F401  (registers the policy's rules)
