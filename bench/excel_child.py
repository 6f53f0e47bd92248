"""One project-list export in a process of its own, so its peak memory is its own.

Run by bench/run.py: `python bench/excel_child.py <rows>`; prints JSON with the time
the export took (ms), the process's peak resident memory (MB, which includes Django
itself) and the rows written. The export is the list page's "ส่งออก Excel (M1)" filtered
to one unit; so that the unit holds exactly `rows` projects, the first `rows` projects are
moved to a unit of their own inside a transaction that is rolled back afterwards (the
job, its notice and its file go too).
"""

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def peak_rss_mb() -> float:
    """This process's peak resident memory. VmHWM, not getrusage's ru_maxrss: Linux keeps
    ru_maxrss across exec, so a child would report its parent's size at fork time."""
    status = Path("/proc/self/status").read_text()
    return (
        int(next(line for line in status.splitlines() if line.startswith("VmHWM")).split()[1])
        / 1024
    )


def main(rows: int) -> None:
    import django

    django.setup()
    from django.db import transaction

    from bench.generate import CODE_PREFIX
    from bench.run import pyp_officer
    from orgs.models import OrgUnit, UnitKind
    from projects.models import Project
    from reporting.exports.services import export_run
    from reporting.models import ExportJob

    user = pyp_officer()
    with transaction.atomic():
        unit = OrgUnit.objects.create(
            code="BENCH-EXPORT",
            name_th="หน่วยงานทดสอบการส่งออก",
            kind=UnitKind.DIVISION,
            parent=OrgUnit.objects.get(code="MOL"),
        )
        first = Project.objects.filter(code__startswith=CODE_PREFIX).order_by("code")[:rows]
        Project.objects.filter(pk__in=first.values("pk")).update(owner_unit=unit)
        job = ExportJob.objects.create(
            kind="projects", params={"unit": str(unit.pk)}, description="bench", requested_by=user
        )
        started = time.perf_counter()
        job = export_run(job_id=job.pk)
        ms = (time.perf_counter() - started) * 1000
        rss_mb = peak_rss_mb()
        result = {"ms": ms, "rss_mb": rss_mb, "rows": job.rows_done, "status": job.status}
        job.file.delete(save=False)
        transaction.set_rollback(True)
    print(json.dumps(result))


if __name__ == "__main__":
    main(int(sys.argv[1]))
