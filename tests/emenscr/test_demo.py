"""The demo data keeps the product's own rule: nothing approved is changed in place."""

import pytest

from approvals.models import ItemStatus
from emenscr.demo import load_demo
from projects.models import Project
from projects.revisions import content_diff, project_content
from projects.selectors import with_modules

pytestmark = pytest.mark.django_db


def test_every_approved_demo_project_reads_as_it_was_approved():
    load_demo()

    approved = with_modules(Project.objects.filter(status=ItemStatus.APPROVED))
    changed = {
        p.code: content_diff(p.revisions.get(number=p.revision).content, project_content(p))
        for p in approved
    }

    assert approved and not any(changed.values()), changed
