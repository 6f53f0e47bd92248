"""The permission policy: a role held at a unit covers its subtree and nothing else."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from guardian.shortcuts import assign_perm

from orgs.models import OrgUnit, Role
from orgs.permissions import (
    can,
    filter_by_units,
    forget_grants,
    grant_over,
    grants_for,
    require,
    visible_units,
)
from projects.selectors import projects_visible_to
from tests.factories import (
    DelegationFactory,
    ProjectFactory,
    RoleAssignmentFactory,
    UserFactory,
    user_with_role,
)

pytestmark = pytest.mark.django_db


def codes(units):
    return set(units.values_list("code", flat=True))


def test_division_director_sees_the_division_and_its_groups_only(unit):
    director = user_with_role(Role.DIVISION_DIRECTOR, "0209")

    seen = codes(visible_units(director))

    assert seen == {"0209", "0209-1", "0209-2", "0209-3", "0209-4"}


def test_staff_cannot_see_a_sibling_division_or_the_department_above(unit):
    staff = user_with_role(Role.STAFF, "0209")

    assert not can(staff, "unit.view", unit("0206"))
    assert not can(staff, "unit.view", unit("OPS"))
    assert can(staff, "unit.view", unit("0209-3"))


def test_cluster_head_sees_the_departments_of_the_cluster_and_not_the_others(unit):
    head = user_with_role(Role.CLUSTER_HEAD, "CL-COMPETE")

    seen = codes(visible_units(head))

    assert {"CL-COMPETE", "DOE", "DSD"} == seen
    assert not can(head, "unit.view", unit("SSO"))


def test_a_role_at_the_ministry_covers_every_unit(unit):
    pyp = user_with_role(Role.PYP_OFFICER, "MOL")

    assert codes(visible_units(pyp)) == set(OrgUnit.objects.values_list("code", flat=True))


def test_staff_sees_projects_of_their_unit_and_not_of_another():
    staff = user_with_role(Role.STAFF, "0209")
    own = ProjectFactory(owner_unit=OrgUnit.objects.get(code="0209"))
    other = ProjectFactory(owner_unit=OrgUnit.objects.get(code="0206"))

    assert list(projects_visible_to(staff)) == [own]
    assert can(staff, "project.view", own)
    assert not can(staff, "project.view", other)


def test_project_of_a_group_is_visible_to_the_director_of_its_division():
    director = user_with_role(Role.DIVISION_DIRECTOR, "0209")
    project = ProjectFactory(owner_unit=OrgUnit.objects.get(code="0209-2"))

    assert can(director, "project.view", project)


def test_a_user_without_roles_sees_nothing():
    nobody = UserFactory()
    ProjectFactory()

    assert not visible_units(nobody).exists()
    assert not projects_visible_to(nobody).exists()


def test_an_inactive_user_sees_nothing():
    staff = user_with_role(Role.STAFF, "0209", is_active=False)
    project = ProjectFactory()

    assert grants_for(staff) == []
    assert not can(staff, "project.view", project)


def test_an_expired_role_no_longer_counts(unit):
    user = UserFactory()
    RoleAssignmentFactory(
        user=user, unit=unit("0209"), valid_until=date.today() - timedelta(days=1)
    )

    assert grants_for(user) == []


def test_require_raises_permission_denied_with_a_thai_message():
    staff = user_with_role(Role.STAFF, "0209")
    other = ProjectFactory(owner_unit=OrgUnit.objects.get(code="0206"))

    with pytest.raises(PermissionDenied, match="ไม่มีสิทธิ์"):
        require(staff, "project.view", other)


def test_a_per_object_grant_lets_a_user_of_another_unit_see_that_project_only():
    partner = user_with_role(Role.STAFF, "0206")
    shared = ProjectFactory(owner_unit=OrgUnit.objects.get(code="0209"))
    unshared = ProjectFactory(owner_unit=OrgUnit.objects.get(code="0209"))

    assign_perm("projects.view_project", partner, shared)

    assert can(partner, "project.view", shared)
    assert not can(partner, "project.view", unshared)


def test_acting_for_a_director_gives_the_directors_role_and_says_for_whom(unit):
    director = user_with_role(Role.DIVISION_DIRECTOR, "0209")
    acting = UserFactory()
    DelegationFactory(assignment=director.role_assignments.get(), delegate=acting)

    grant = grant_over(acting, unit("0209"), roles=[Role.DIVISION_DIRECTOR])

    assert grant is not None
    assert grant.acting_for_id == director.pk
    assert grant.acting_kind == "acting"


def test_a_finished_delegation_gives_nothing(unit):
    director = user_with_role(Role.DIVISION_DIRECTOR, "0209")
    acting = UserFactory()
    DelegationFactory(
        assignment=director.role_assignments.get(),
        delegate=acting,
        starts_on=date(2020, 1, 1),
        ends_on=date(2020, 12, 31),
    )

    assert grant_over(acting, unit("0209")) is None


def test_own_grant_is_preferred_over_an_acting_one(unit):
    director = user_with_role(Role.DIVISION_DIRECTOR, "0209")
    other_director = user_with_role(Role.DIVISION_DIRECTOR, "0209")
    DelegationFactory(assignment=director.role_assignments.get(), delegate=other_director)

    grant = grant_over(other_director, unit("0209"), roles=[Role.DIVISION_DIRECTOR])

    assert grant.acting_for_id is None


def test_grants_are_recomputed_after_forget(unit):
    user = UserFactory()
    assert grants_for(user) == []
    RoleAssignmentFactory(user=user, unit=unit("0206"))

    forget_grants(user)

    assert [g.role for g in grants_for(user)] == [Role.STAFF]


def test_filtering_by_units_takes_one_query_however_many_grants(django_assert_num_queries, unit):
    user = UserFactory()
    for code in ["0209", "0206", "0207", "0208", "0210"]:
        RoleAssignmentFactory(user=user, unit=unit(code))
    for code in ["0209", "0206", "0216"]:
        ProjectFactory(owner_unit=unit(code))
    grants_for(user)  # loaded once per request

    with django_assert_num_queries(1):
        seen = list(
            filter_by_units(ProjectFactory._meta.model.objects.all(), user, field="owner_unit")
        )

    assert {p.owner_unit.code for p in seen} == {"0209", "0206"}
