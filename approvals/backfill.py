"""Data migrations of the floors above that fill `ApprovableItem.first_passed_at` from the
trail: the earliest passing move (approvals.services.planning.passes) of any revision."""

from django.db.models import Min, OuterRef, Subquery

PASSING_ACTIONS = ("approve", "check", "import")  # planning.PASSING_ACTIONS, as stored


def first_passed_from_trail(app_label: str, *model_names: str):
    """A RunPython forward that fills the field of the app's models from the trail."""

    def forwards(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        Transition = apps.get_model("approvals", "Transition")
        for name in model_names:
            content_type = ContentType.objects.filter(app_label=app_label, model=name).first()
            if content_type is None:  # a new database: no item has a trail yet
                continue
            moves = (
                Transition.objects.filter(
                    approval__content_type=content_type,
                    approval__object_id=OuterRef("pk"),
                    from_status="submitted",
                    action__in=PASSING_ACTIONS,
                )
                .order_by()
                .values("approval__object_id")
                .annotate(at=Min("created_at"))
                .values("at")
            )
            apps.get_model(app_label, name).objects.update(first_passed_at=Subquery(moves[:1]))

    return forwards
