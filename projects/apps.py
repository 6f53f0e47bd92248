from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = "โครงการ (M1–M5) และข้อมูลอ้างอิง"

    def ready(self):
        from . import permissions  # noqa: F401  (registers the policy's rules)
        from .approval import register_project
        from .level3.approval import register_level3_plan

        register_project()
        register_level3_plan()
