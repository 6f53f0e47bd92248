"""Bad workbooks (shared/spec/exchange.md) given to the importer: any cell type and
value, missing sheets and headers, and files that are no workbook at all. Always a
list of Thai errors (never an exception), and nothing imported when it is refused."""

import io
import zipfile
from datetime import date, datetime

import pytest
from django.urls import reverse
from hypothesis import event, example, given
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from approvals.models import Approval, Transition
from orgs.models import Role
from projects.models import BudgetSource, Project
from reporting.models import QuarterlyReport
from reporting.workbook import PROGRESS_KEYS, PROJECT_KEYS, WorkbookRejected, import_workbook
from tests.factories import user_with_role
from tests.reporting.test_workbook import PROGRESS as GOOD_PROGRESS
from tests.reporting.test_workbook import PROJECT as GOOD_PROJECT

from .conftest import BAD_INPUT, rolled_back
from .strategies import NASTY_TEXTS, assert_thai_messages, has_thai, rows_of, sometimes

pytestmark = pytest.mark.django_db

# test_workbook's good rows, under a code of their own.
PROJECT = {**GOOD_PROJECT, "code": "รง 0209-67-0901", "targets": "110401"}
PROGRESS = {**GOOD_PROGRESS, "project_code": "รง 0209-67-0901"}

# What a cell can hold once openpyxl has read it back: text (XML forbids control
# characters, so no file carries them), numbers, booleans, dates and times.
cell_text = st.one_of(
    st.sampled_from([t for t in NASTY_TEXTS if not ILLEGAL_CHARACTERS_RE.search(t)]),
    st.sampled_from(["inf", "-inf", "nan", "1e400", "2024", "๒๕๖๗", "2567-10-01", "0", "-1"]),
    st.text(st.characters(exclude_categories=["Cs", "Cc"]), max_size=50),
    st.text(max_size=50).filter(lambda t: not ILLEGAL_CHARACTERS_RE.search(t)),
)
cell = st.one_of(
    st.none(),
    cell_text,
    st.booleans(),
    st.integers(min_value=-(2**53), max_value=2**53),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(min_value=date(1900, 1, 1), max_value=date(9999, 12, 31)),
    st.datetimes(min_value=datetime(1900, 1, 1)),
)


def sheet_rows(good: dict):
    return st.lists(
        st.fixed_dictionaries({k: sometimes(v, cell) for k, v in good.items()}), max_size=3
    )


def header(keys: list[str]):
    """The keys row, sometimes short of a key or with a stranger."""
    return st.one_of(
        st.just(keys),
        st.lists(st.sampled_from(keys + ["", "ชื่อ", "code "]), max_size=len(keys) + 1),
    )


def workbook_bytes(project_keys, projects, progress_keys, progress) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "projects" if project_keys is not None else "โครงการ"
    for row in [project_keys or [], *[[r.get(k) for k in project_keys or []] for r in projects]]:
        sheet.append(row)
    if progress_keys is not None:
        other = book.create_sheet("progress")
        other.append(progress_keys)
        for row in progress:
            other.append([row.get(k) for k in progress_keys])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture
def staff():
    return user_with_role(Role.STAFF, "0209")


def imported_rows() -> list:
    return rows_of(
        Project.objects.all(),
        BudgetSource.objects.all(),
        QuarterlyReport.objects.all(),
        Approval.objects.all(),
        Transition.objects.all(),
    )


def imports_or_refuses_in_thai(data: bytes, user) -> None:
    before = imported_rows()
    try:
        with rolled_back():
            import_workbook(data=data, user=user)
    except WorkbookRejected as exc:
        event("refused")
        assert exc.result.errors
        assert_thai_messages(e.message for e in exc.result.errors)
        assert imported_rows() == before
    else:
        event("imported")


@BAD_INPUT
@given(
    project_keys=st.one_of(st.none(), header(PROJECT_KEYS)),
    projects=sheet_rows(PROJECT),
    progress_keys=st.one_of(st.none(), header(PROGRESS_KEYS)),
    progress=sheet_rows(PROGRESS),
)
def test_a_workbook_of_any_cells_is_imported_or_refused_in_thai(
    staff, project_keys, projects, progress_keys, progress
):
    data = workbook_bytes(project_keys, projects, progress_keys, progress)
    with rolled_back():
        imports_or_refuses_in_thai(data, staff)


@BAD_INPUT
@given(sheet=st.sampled_from(["projects", "progress"]), column=st.integers(0, 10), value=cell)
@example(sheet="projects", column=PROJECT_KEYS.index("fiscal_year"), value="inf")
@example(sheet="progress", column=PROGRESS_KEYS.index("fiscal_year"), value="1e400")
@example(sheet="projects", column=PROJECT_KEYS.index("code"), value="รง 0209-67-" + "9" * 40)
def test_one_bad_cell_in_a_good_workbook_is_named_in_thai(staff, sheet, column, value):
    keys = PROJECT_KEYS if sheet == "projects" else PROGRESS_KEYS
    key = keys[column % len(keys)]
    projects = [{**PROJECT, key: value}] if sheet == "projects" else [PROJECT]
    progress = [{**PROGRESS, key: value}] if sheet == "progress" else [PROGRESS]
    if sheet == "projects" and key == "code":  # the report follows its project
        progress = [{**PROGRESS, "project_code": value}]
    with rolled_back():
        imports_or_refuses_in_thai(
            workbook_bytes(PROJECT_KEYS, projects, PROGRESS_KEYS, progress), staff
        )


def _valid_workbook() -> bytes:
    return workbook_bytes(PROJECT_KEYS, [PROJECT], PROGRESS_KEYS, [PROGRESS])


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


def _damaged(member: str, content: bytes) -> bytes:
    """A real workbook with one of its parts replaced."""
    source = zipfile.ZipFile(io.BytesIO(_valid_workbook()))
    parts = {name: source.read(name) for name in source.namelist()}
    return _zip({**parts, member: content})


corrupt_files = st.one_of(
    st.binary(max_size=2000),
    st.integers(min_value=0, max_value=len(_valid_workbook()) - 1).map(
        lambda n: _valid_workbook()[:n]
    ),
    st.dictionaries(
        st.sampled_from(["a.txt", "[Content_Types].xml", "xl/workbook.xml"]),
        st.binary(max_size=200),
    ).map(_zip),
    st.tuples(
        st.sampled_from(
            ["xl/worksheets/sheet1.xml", "xl/workbook.xml", "xl/sharedStrings.xml", "xl/styles.xml"]
        ),
        st.one_of(
            st.binary(max_size=200), st.just(b"<worksheet><sheetData><row><c t='s'><v>99</v></c>")
        ),
    ).map(lambda args: _damaged(*args)),
)


@BAD_INPUT
@given(data=corrupt_files)
def test_a_file_that_is_no_workbook_is_refused_in_thai(staff, data):
    with rolled_back():
        imports_or_refuses_in_thai(data, staff)


@BAD_INPUT
@given(data=corrupt_files)
def test_the_upload_page_answers_any_file_with_a_thai_report(client, staff, data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(staff)
    upload = SimpleUploadedFile("โครงการ.xlsx", data)
    with rolled_back():
        response = client.post(reverse("reporting:workbook_import"), {"file": upload})
    assert response.status_code == 200
    assert has_thai(response.content.decode())
