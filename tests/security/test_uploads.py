"""Uploads: the memo emblem (PNG, JPEG or a plain SVG) and level-3 plan documents (PDF)
are limited in size and checked by content; documents go out as attachments that the
browser must not sniff; uploaded files are never served raw by the application."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import Resolver404, resolve, reverse

from memos.forms import LetterheadForm
from orgs.models import Role
from projects.models import Level3PlanDocument
from tests.factories import Level3PlanFactory, user_with_role
from tests.projects.level3_factories import add_document, pdf_bytes, pdf_upload

pytestmark = pytest.mark.django_db

SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10">{}</svg>'


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def image(kind: str, size=(4, 4), mode="RGB") -> bytes:
    from PIL import Image

    output = io.BytesIO()
    Image.new(mode, size).save(output, format=kind)
    return output.getvalue()


def emblem_errors(name: str, content: bytes) -> list[str]:
    form = LetterheadForm(
        data={"is_active": True}, files={"emblem": SimpleUploadedFile(name, content)}
    )
    return [] if form.is_valid() else form.errors["emblem"]


# --- the memo emblem -----------------------------------------------------------------


def test_a_real_png_emblem_is_taken():
    assert emblem_errors("ครุฑ.png", image("PNG")) == []


def test_an_emblem_over_two_megabytes_is_refused():
    assert "ใหญ่เกิน ๒ MB" in emblem_errors("ครุฑ.png", image("PNG") + b"\0" * (2 * 1024 * 1024))[0]


def test_an_emblem_of_another_type_is_refused():
    assert "รองรับเฉพาะไฟล์" in emblem_errors("ครุฑ.gif", image("GIF"))[0]


@pytest.mark.parametrize(
    "name, content",
    [
        ("ครุฑ.png", image("JPEG")),
        ("ครุฑ.png", b"<html><script>alert(1)</script></html>"),
        ("ครุฑ.jpg", image("PNG")),
        ("ครุฑ.svg", image("PNG")),
    ],
    ids=["jpeg-named-png", "html-named-png", "png-named-jpg", "png-named-svg"],
)
def test_an_emblem_whose_content_is_not_its_name_is_refused(name, content):
    errors = emblem_errors(name, content)

    assert errors and any("\u0e00" <= c <= "\u0e7f" for c in errors[0])


def test_a_small_png_that_decodes_to_a_huge_image_is_refused():
    bomb = image("PNG", size=(5000, 5000), mode="1")  # 25 million pixels in a few kilobytes

    assert len(bomb) < 100_000
    assert "พิกเซลใหญ่เกินไป" in emblem_errors("ครุฑ.png", bomb)[0]


def test_a_plain_drawing_svg_with_internal_references_is_taken():
    drawing = SVG.format(
        '<defs><linearGradient id="g"><stop offset="0" stop-color="gold"/></linearGradient>'
        '<path id="p" d="M0 0h10v10z"/></defs>'
        '<use xlink:href="#p" fill="url(#g)"/><circle r="2" style="fill:url(\'#g\')"/>'
    )

    assert emblem_errors("ครุฑ.svg", drawing.encode()) == []


@pytest.mark.parametrize(
    "inside",
    [
        "<script>alert(1)</script>",
        '<rect width="1" height="1" onclick="alert(1)"/>',
        '<image href="http://169.254.169.254/latest/meta-data/" width="1" height="1"/>',
        '<use xlink:href="file:///etc/passwd#x"/>',
        '<rect width="1" height="1" fill="url(http://evil.example/x.svg#p)"/>',
        "<style>@import url(http://evil.example/x.css);</style>",
        '<a href="https://evil.example/"><rect width="1" height="1"/></a>',
        '<set attributeName="href" to="https://evil.example/"/>',
        '<h:div xmlns:h="http://www.w3.org/1999/xhtml">x</h:div>',
    ],
    ids=[
        "script",
        "handler",
        "external-image",
        "local-file",
        "external-url",
        "css-import",
        "link",
        "animation",
        "xhtml",
    ],
)
def test_an_svg_that_scripts_or_fetches_anything_is_refused(inside):
    errors = emblem_errors("ครุฑ.svg", SVG.format(inside).encode())

    assert errors and "SVG" in errors[0]


# --- level-3 plan documents ----------------------------------------------------------


@pytest.fixture
def staff():
    return user_with_role(Role.STAFF, "0209")


@pytest.fixture
def plan(unit):
    return Level3PlanFactory(owner_unit=unit("0209"))


def upload(client, plan, name: str, content: bytes):
    return client.post(
        reverse("projects:level3:upload", args=[plan.pk]),
        {"file": SimpleUploadedFile(name, content, content_type="application/pdf")},
    )


def test_a_plan_document_over_the_limit_is_refused(client, settings, staff, plan):
    settings.LEVEL3_DOCUMENT_MAX_MB = 1
    client.force_login(staff)
    big = pdf_bytes().replace(b"%%EOF", b"%" + b"0" * (1024 * 1024) + b"\n%%EOF")

    response = upload(client, plan, "แผน.pdf", big)

    assert response.status_code == 400
    assert "เกิน 1 เมกะไบต์" in response.context["upload_form"].errors["file"][0]
    assert not Level3PlanDocument.objects.exists()


@pytest.mark.parametrize(
    "content",
    [
        image("PNG"),
        b"<html><body><script>alert(document.cookie)</script></body></html>",
        b"PK\x03\x04" + b"\0" * 200,  # a zip / Word file
        b"%PDF-1.7\n<script>alert(1)</script>",  # a PDF header on something that is not one
    ],
    ids=["png", "html", "zip", "pdf-header-only"],
)
def test_a_file_disguised_as_a_pdf_is_refused(client, staff, plan, content):
    client.force_login(staff)

    response = upload(client, plan, "แผน.pdf", content)

    assert response.status_code == 400
    assert "ไม่ใช่ PDF" in response.context["upload_form"].errors["file"][0]
    assert not Level3PlanDocument.objects.exists()


def test_a_plan_document_downloads_as_an_attachment_the_browser_does_not_sniff(client, staff, plan):
    add_document(plan)
    client.force_login(staff)

    response = client.get(reverse("projects:level3:document", args=[plan.pk, 1]))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_uploaded_files_are_not_served_raw_by_the_application(client, media_root, staff):
    (media_root / "level3").mkdir()
    (media_root / "level3" / "plan-1-v1.pdf").write_bytes(pdf_bytes())
    client.force_login(staff)

    response = client.get("/media/level3/plan-1-v1.pdf")

    assert response.status_code == 404
    with pytest.raises(Resolver404):  # no view at all: the web server serves nothing there either
        resolve("/media/level3/plan-1-v1.pdf")


def test_a_plan_document_of_another_unit_is_not_downloadable(client, unit, plan):
    add_document(plan)
    client.force_login(user_with_role(Role.STAFF, "0206"))

    response = client.get(reverse("projects:level3:document", args=[plan.pk, 1]))

    assert response.status_code in (403, 404)


def test_the_upload_form_keeps_the_name_but_stores_under_a_name_of_its_own(client, staff, plan):
    client.force_login(staff)

    upload(client, plan, "../../etc/แผน.pdf", pdf_upload().read())

    document = Level3PlanDocument.objects.get()
    assert document.file.name.startswith("level3/") and ".." not in document.file.name
