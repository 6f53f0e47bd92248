from django.apps import AppConfig


class OpendataConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "opendata"
    verbose_name = "ข้อมูลเปิด (สาธารณะ)"

    def ready(self) -> None:
        """Listen to the engine's final approvals and to rounds being frozen."""
        from django.db.models.signals import post_save

        from approvals.signals import items_approved  # apps load before their signals
        from reporting.models import RoundSnapshot  # models exist only once apps are ready

        from . import receivers

        items_approved.connect(receivers.items_approved_publish, dispatch_uid="opendata")
        post_save.connect(
            receivers.round_frozen, sender=RoundSnapshot, dispatch_uid="opendata-frozen"
        )
