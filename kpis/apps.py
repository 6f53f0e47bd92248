from django.apps import AppConfig


class KpisConfig(AppConfig):
    name = "kpis"
    verbose_name = "ตัวชี้วัดรายเดือน"

    def ready(self):
        from . import permissions  # noqa: F401  (registers the policy's rules)
