"""Keep the comparison's figures (RoundTallies) of the rounds frozen before they were kept:
counted from each snapshot's frozen project rows, with the projects' budget sources and
their reports' first passes, as the comparison page counted them until now.

It calls reporting.compare for the rounds' deadlines (the windows rules are code, not
data); a new database has no snapshot, so nothing here runs there."""

from decimal import Decimal

from django.db import migrations
from django.db.models import Q, Sum


def _budgets(BudgetSource):
    rows = BudgetSource.objects.order_by().values_list("project").annotate(total=Sum("amount"))
    return {pk: total or Decimal(0) for pk, total in rows}


def _tallies(snapshot, units, deadlines, budgets, passes):
    from reporting.compare import DUE_STATES, Tally
    from reporting.rounds import REPORTED

    tallies = {}
    for row in snapshot.data.get("projects", []):
        unit = units.get(row["unit"])
        if row["state"] not in DUE_STATES or unit is None:
            continue
        tally = tallies.setdefault(unit.code, Tally())
        tally.due += 1
        tally.budget += budgets.get(row["id"], Decimal(0))
        if row["state"] != REPORTED:
            continue
        tally.reported += 1
        tally.counts[row["band"]] += 1
        report_pk, passed_at = passes.get(row["id"], (None, None))
        if deadlines.on_time(passed_at, unit_pk=unit.pk, report_pk=report_pk):
            tally.on_time += 1
    return {code: tally.as_json() for code, tally in tallies.items()}


def forwards(apps, schema_editor):
    RoundSnapshot = apps.get_model("reporting", "RoundSnapshot")
    snapshots = list(RoundSnapshot.objects.filter(tallies__isnull=True))
    if not snapshots:
        return
    from core.fiscal import Quarter
    from reporting.compare import round_deadlines

    OrgUnit = apps.get_model("orgs", "OrgUnit")
    units = {u.code: u for u in OrgUnit.objects.all()}
    BudgetSource = apps.get_model("projects", "BudgetSource")
    QuarterlyReport = apps.get_model("reporting", "QuarterlyReport")
    RoundTallies = apps.get_model("reporting", "RoundTallies")
    budgets = _budgets(BudgetSource)
    for snapshot in snapshots:
        round_ = Quarter(snapshot.fiscal_year, snapshot.quarter)
        passes = {
            project: (pk, at)
            for pk, project, at in QuarterlyReport.objects.filter(
                Q(fiscal_year=round_.fiscal_year, quarter=round_.quarter),
                first_passed_at__isnull=False,
            ).values_list("pk", "project_id", "first_passed_at")
        }
        deadlines = round_deadlines([round_], list(units.values()))[round_]
        figures = _tallies(snapshot, units, deadlines, budgets, passes)
        RoundTallies.objects.create(
            snapshot=snapshot, units=figures, groups=snapshot.data["five_band"]["groups"]
        )


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0013_round_tallies"),
        ("reporting", "0012_first_passed_at_from_trail"),
        ("projects", "0010_first_passed_at_from_trail"),
        ("windows", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
