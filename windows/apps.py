from django.apps import AppConfig


class WindowsConfig(AppConfig):
    name = "windows"
    verbose_name = "รอบการนำเข้าและรายงาน"

    def ready(self):
        from . import permissions  # noqa: F401  (registers the policy's rules)
