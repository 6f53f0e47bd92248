"""A unit's staff enter the month's results; others are refused."""

from datetime import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from core.clock import freeze
from kpis.models import KpiResult
from kpis.services import RemarksMissing, kpi_results_save
from orgs.models import Role
from tests.conftest import queries_of
from tests.factories import user_with_role

from .factories import KpiFactory, KpiResultFactory, planned_kpi

pytestmark = pytest.mark.django_db

DEC_9_2567 = datetime(2024, 12, 9, 10, 0)


@pytest.fixture(autouse=True)
def on_report_day():
    with freeze(DEC_9_2567):
        yield


@pytest.fixture
def staff(db):
    return user_with_role(Role.STAFF, "0209")


def entry_url(kpi, month=2):
    return f"{reverse('kpis:entry', args=[kpi.unit_id])}?fiscal_year=2568&month={month}"


def test_staff_record_the_months_results_typed_with_thousands_separators(client, staff, unit):
    kpi = planned_kpi(unit=unit("0209-2"), annual_target=734075, targets={2: 122210})
    client.force_login(staff)

    response = client.post(entry_url(kpi), {f"kpi_{kpi.pk}": "142,843"})

    assert response.status_code == 302
    saved = KpiResult.objects.get(kpi=kpi, month=2)
    assert (saved.value, saved.entered_by) == (Decimal(142843), staff)


def test_a_negative_result_is_refused_with_a_thai_message(client, staff, unit):
    kpi = KpiFactory(unit=unit("0209-2"))
    client.force_login(staff)

    response = client.post(entry_url(kpi), {f"kpi_{kpi.pk}": "-5"})

    assert response.status_code == 200
    assert "ผลการดำเนินงานต้องไม่ติดลบ" in response.content.decode()
    assert not KpiResult.objects.exists()


def test_a_per_cent_above_one_hundred_is_refused(client, staff, unit):
    kpi = KpiFactory(unit=unit("0209-2"), unit_of_measure="ร้อยละ", is_quantitative=False)
    client.force_login(staff)

    response = client.post(entry_url(kpi), {f"kpi_{kpi.pk}": "120"})

    assert "ร้อยละต้องไม่เกิน 100" in response.content.decode()
    assert not KpiResult.objects.exists()


def test_a_month_not_yet_begun_cannot_be_reported(client, staff, unit):
    kpi = KpiFactory(unit=unit("0209-2"))
    client.force_login(staff)

    response = client.post(entry_url(kpi, month=4), {f"kpi_{kpi.pk}": "10"})

    assert "ยังไม่ถึงเดือนมกราคม 2568" in response.content.decode()
    assert not KpiResult.objects.exists()


def test_clearing_a_figure_removes_the_months_result(staff, unit):
    kpi = KpiFactory(unit=unit("0209-2"))
    KpiResultFactory(kpi=kpi, month=2, value=5)

    kpi_results_save(user=staff, unit=kpi.unit, fiscal_year=2568, month=2, values={kpi.pk: None})

    assert not KpiResult.objects.filter(kpi=kpi).exists()


def test_a_kpi_of_another_unit_cannot_be_slipped_in(staff, unit):
    own = KpiFactory(unit=unit("0209-2"))
    other = KpiFactory(unit=unit("0209-3"))

    with pytest.raises(ValidationError):
        kpi_results_save(
            user=staff, unit=own.unit, fiscal_year=2568, month=2, values={other.pk: Decimal(1)}
        )


def test_staff_of_another_division_are_refused(client, unit):
    kpi = KpiFactory(unit=unit("0209-2"))
    client.force_login(user_with_role(Role.STAFF, "0206"))

    assert client.get(entry_url(kpi)).status_code == 403
    assert client.post(entry_url(kpi), {f"kpi_{kpi.pk}": "1"}).status_code == 403
    assert not KpiResult.objects.exists()


def test_pyp_sees_every_unit_but_does_not_enter_their_results(client, unit):
    kpi = KpiFactory(unit=unit("0209-2"))
    pyp = user_with_role(Role.PYP_OFFICER, "MOL")
    client.force_login(pyp)

    assert client.get(entry_url(kpi)).status_code == 403
    with pytest.raises(PermissionDenied):
        kpi_results_save(user=pyp, unit=kpi.unit, fiscal_year=2568, month=2, values={})


def test_the_entry_list_offers_only_the_users_units_with_kpis(client, staff, unit):
    KpiFactory(unit=unit("0209-2"))
    KpiFactory(unit=unit("0206-1"))
    client.force_login(staff)

    page = client.get(reverse("kpis:entry_units") + "?fiscal_year=2568&month=2").content.decode()

    assert "ศูนย์บริการประชาชนกระทรวงแรงงาน" in page
    assert "กลุ่มงานพัฒนายุทธศาสตร์" not in page


def test_saving_many_kpis_takes_the_same_queries_as_few(staff, unit):
    def save(kpis):
        return lambda: kpi_results_save(
            user=staff,
            unit=kpis[0].unit,
            fiscal_year=2568,
            month=2,
            values={k.pk: Decimal(1) for k in kpis},
        )

    few = [KpiFactory(unit=unit("0209-2"))]
    many = [KpiFactory(unit=unit("0209-3")) for _ in range(7)]
    save([KpiFactory(unit=unit("0209-4"))])()  # grants are read once and kept on the user

    assert queries_of(save(many)) == queries_of(save(few))
    assert KpiResult.objects.filter(month=2).count() == 9


# --- the reason for a result below plan (seed 003's หมายเหตุ) ---------------------------


def test_a_result_below_a_due_plan_asks_for_its_reason_naming_the_kpi(client, staff, unit):
    kpi = planned_kpi(unit=unit("0209-2"), name="การจัดจ้างเจ้าหน้าที่ NRM", targets={2: 23})
    other = planned_kpi(unit=unit("0209-2"), name="อีกตัวชี้วัด", targets={2: 5})
    client.force_login(staff)

    response = client.post(
        entry_url(kpi),
        {f"kpi_{kpi.pk}": "17", f"kpi_{other.pk}": "5", f"kpi_{other.pk}_remark": ""},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "ตัวชี้วัด “การจัดจ้างเจ้าหน้าที่ NRM” ยังไม่เป็นไปตามแผน: กรุณาระบุหมายเหตุ" in page
    assert "อีกตัวชี้วัด” ยังไม่เป็นไปตามแผน" not in page
    assert f'name="kpi_{kpi.pk}" value="17"' in page  # nothing typed is lost
    assert not KpiResult.objects.exists()


def test_the_reason_is_saved_with_the_result_and_shown_again(client, staff, unit):
    kpi = planned_kpi(unit=unit("0209-2"), targets={2: 23})
    client.force_login(staff)
    reason = "ไม่มีผู้เข้ารับการสมัคร"

    response = client.post(entry_url(kpi), {f"kpi_{kpi.pk}": "17", f"kpi_{kpi.pk}_remark": reason})

    assert response.status_code == 302
    assert KpiResult.objects.get(kpi=kpi, month=2).remark == reason
    assert reason in client.get(entry_url(kpi)).content.decode()


def test_no_reason_is_asked_on_plan_before_the_plan_or_with_no_result(staff, unit):
    on_plan = planned_kpi(unit=unit("0209-2"), targets={1: 10, 2: 20}, results={1: 10})
    not_due = planned_kpi(unit=unit("0209-2"), targets={5: 20})
    blank = planned_kpi(unit=unit("0209-2"), targets={2: 20})

    kpi_results_save(
        user=staff,
        unit=on_plan.unit,
        fiscal_year=2568,
        month=2,
        values={on_plan.pk: Decimal(10), not_due.pk: Decimal(0), blank.pk: None},
    )

    assert KpiResult.objects.filter(month=2).count() == 2  # 10 + 10 meets the 20 planned


def test_the_service_refuses_a_result_below_plan_without_a_reason(staff, unit):
    kpi = planned_kpi(unit=unit("0209-2"), name="ประชุม คกก. CIO", targets={2: 1}, results={2: 1})

    with pytest.raises(RemarksMissing) as refused:
        kpi_results_save(
            user=staff, unit=kpi.unit, fiscal_year=2568, month=2, values={kpi.pk: Decimal(0)}
        )

    assert refused.value.by_kpi == {
        kpi.pk: "ตัวชี้วัด “ประชุม คกก. CIO” ยังไม่เป็นไปตามแผน: กรุณาระบุหมายเหตุ (เหตุผลที่ไม่เป็นไปตามแผน)"
    }
    assert KpiResult.objects.get(kpi=kpi).value == 1  # the month's earlier figure stays


def test_a_reason_without_a_result_asks_for_the_figure(client, staff, unit):
    kpi = planned_kpi(unit=unit("0209-2"), targets={2: 1})
    client.force_login(staff)

    response = client.post(entry_url(kpi), {f"kpi_{kpi.pk}": "", f"kpi_{kpi.pk}_remark": "เลื่อน"})

    assert "กรอกผลของเดือนนี้ (0 หากยังไม่มีผล) เพื่อบันทึกหมายเหตุ" in response.content.decode()
    assert not KpiResult.objects.exists()
