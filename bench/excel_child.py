"""One project-list export in a process of its own, so its peak memory is its own.

Run by bench/run.py: `python bench/excel_child.py <unit code>`; prints JSON with the
time the export took (ms), the process's peak resident memory (MB, which includes
Django itself) and the rows written. The job and its file are deleted afterwards.
"""

import json
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main(unit_code: str) -> None:
    import django

    django.setup()
    from approvals.models import Notification
    from orgs.models import OrgUnit, Role, User
    from reporting.exports.services import export_run
    from reporting.models import ExportJob

    user = User.objects.filter(
        role_assignments__role=Role.PYP_OFFICER, username__startswith="bench_"
    ).first()
    unit = OrgUnit.objects.get(code=unit_code)
    job = ExportJob.objects.create(
        kind="projects", params={"unit": str(unit.pk)}, description="bench", requested_by=user
    )
    started = time.perf_counter()
    job = export_run(job_id=job.pk)
    ms = (time.perf_counter() - started) * 1000
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {"ms": ms, "rss_mb": rss_mb, "rows": job.rows_done, "status": job.status}
    job.file.delete(save=False)
    Notification.objects.filter(dedupe_key=f"export:{job.pk}:ready").delete()
    job.delete()
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1])
