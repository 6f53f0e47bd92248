from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = "รอบการรายงานและผลการดำเนินงาน (M6)"

    def ready(self):
        from . import permissions  # noqa: F401  (registers the policy's rules)
        from .approval import register_reports

        register_reports()
        from .annual.approval import register_annual_reports

        register_annual_reports()
