"""The plan document: PDF by content, at most LEVEL3_DOCUMENT_MAX_MB, every upload
a new version kept with who and when."""

from urllib.parse import quote

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from approvals.models import ItemStatus
from approvals.services.transitions import item_submit
from orgs.models import Role
from projects.level3.services import level3_document_upload
from tests.factories import user_with_role
from tests.projects.level3_factories import (
    Level3PlanFactory,
    complete_plan,
    media_root,  # noqa: F401
    open_level3_window,
    pdf_bytes,
    pdf_upload,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


@pytest.fixture
def staff():
    return user_with_role(Role.STAFF, "0209")


@pytest.fixture
def plan(unit):
    return Level3PlanFactory(owner_unit=unit("0209"))


def upload(client, plan, file):
    return client.post(reverse("projects:level3:upload", args=[plan.pk]), {"file": file})


def test_a_pdf_becomes_version_one_with_its_name_size_and_uploader(client, staff, plan):
    client.force_login(staff)

    response = upload(client, plan, pdf_upload("แผนปฏิบัติการด้านแรงงาน.pdf"))

    document = plan.documents.get()
    assert response.status_code == 302
    assert (document.version, document.original_name) == (1, "แผนปฏิบัติการด้านแรงงาน.pdf")
    assert document.size == len(pdf_bytes())
    assert document.uploaded_by == staff


def test_each_upload_is_a_new_version_and_the_old_one_stays_downloadable(client, staff, plan):
    client.force_login(staff)
    first = pdf_bytes()
    second = first.replace(b"%PDF-1.7", b"%PDF-1.6")
    upload(client, plan, pdf_upload("ฉบับแรก.pdf", first))
    upload(client, plan, pdf_upload("ฉบับแก้ไข.pdf", second))

    old = client.get(reverse("projects:level3:document", args=[plan.pk, 1]))
    new = client.get(reverse("projects:level3:document", args=[plan.pk, 2]))

    assert sorted(plan.documents.values_list("version", flat=True)) == [1, 2]
    assert b"".join(old.streaming_content) == first
    assert b"".join(new.streaming_content) == second
    assert quote("ฉบับแรก.pdf") in old["Content-Disposition"]


def test_a_renamed_text_file_is_refused_with_a_thai_message(client, staff, plan):
    client.force_login(staff)
    fake = SimpleUploadedFile("แผน.pdf", "ไม่ใช่ PDF จริง".encode() * 50, "application/pdf")

    response = upload(client, plan, fake)

    assert response.status_code == 400
    assert "ไม่ใช่ PDF" in response.context["upload_form"].errors["file"][0]
    assert not plan.documents.exists()


def test_a_renamed_image_is_refused(staff, plan):
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 200

    with pytest.raises(ValidationError, match="ไม่ใช่ PDF"):
        level3_document_upload(
            user=staff, plan=plan, upload=SimpleUploadedFile("scan.pdf", png, "application/pdf")
        )


def test_a_file_that_starts_like_a_pdf_but_is_cut_off_is_refused(staff, plan):
    truncated = pdf_bytes()[:120]

    with pytest.raises(ValidationError, match="ไม่ใช่ PDF"):
        level3_document_upload(user=staff, plan=plan, upload=pdf_upload(content=truncated))


def test_a_file_over_the_size_limit_is_refused(client, staff, plan, settings):
    settings.LEVEL3_DOCUMENT_MAX_MB = 1
    big = pdf_bytes().replace(b"%%EOF", b"% " + b"x" * (1024 * 1024) + b"\n%%EOF")
    client.force_login(staff)

    response = upload(client, plan, pdf_upload(content=big))

    assert response.status_code == 400
    assert "เกิน 1 เมกะไบต์" in response.context["upload_form"].errors["file"][0]
    assert not plan.documents.exists()


def test_the_default_limit_is_twenty_megabytes(staff, plan):
    from projects.level3.services import max_document_bytes

    assert max_document_bytes() == 20 * 1024 * 1024


def test_an_empty_file_is_refused(staff, plan):
    with pytest.raises(ValidationError):
        level3_document_upload(
            user=staff, plan=plan, upload=SimpleUploadedFile("a.pdf", b"", "application/pdf")
        )


def test_no_document_can_be_added_while_the_plan_is_in_the_chain(staff, unit):
    open_level3_window()
    plan = complete_plan(owner_unit=unit("0209"))
    item_submit(item=plan, actor=staff)

    with pytest.raises(ValidationError, match="อยู่ระหว่างการอนุมัติ"):
        level3_document_upload(user=staff, plan=plan, upload=pdf_upload())
    plan.refresh_from_db()
    assert plan.status == ItemStatus.SUBMITTED
    assert plan.documents.count() == 1


def test_a_version_that_does_not_exist_is_not_found(client, staff, plan):
    client.force_login(staff)

    assert client.get(reverse("projects:level3:document", args=[plan.pk, 9])).status_code == 404
