"""Seed the chaos cluster's database for the restart test: the Permanent Secretary with an
API token and N project items waiting for his final approval. Prints JSON.

    python -m tests.chaos.pg_seed 50
"""

import json
import sys

import django

django.setup()

from approvals.models import ChainLevel, ItemStatus  # noqa: E402
from orgs.models import OrgUnit, Role  # noqa: E402
from orgs.tokens import api_token_create  # noqa: E402
from tests.factories import ApprovalFactory, ProjectFactory, user_with_role  # noqa: E402


def main(count: int) -> dict:
    ps = user_with_role(Role.PERMANENT_SECRETARY, "MOL")
    _, token = api_token_create(user=ps, name="chaos")
    level = ChainLevel.objects.get(chain__root_unit__code="MOL", role=Role.PERMANENT_SECRETARY)
    unit = OrgUnit.objects.get(code="0209")
    projects = ProjectFactory.create_batch(count, owner_unit=unit, status=ItemStatus.SUBMITTED)
    for project in projects:
        ApprovalFactory(item=project, status=ItemStatus.SUBMITTED, current_level=level)
    return {"token": token, "projects": [p.pk for p in projects], "actor": ps.pk}


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]))))
