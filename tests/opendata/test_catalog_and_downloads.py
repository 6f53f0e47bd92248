"""The DCAT catalogue declares what CKAN harvests, and every file it lists answers."""

import csv
import io
import json
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.urls import reverse
from openpyxl import load_workbook

from opendata.catalog import (
    CONFORMS_TO,
    REQUIRED_DATASET_FIELDS,
    REQUIRED_DISTRIBUTION_FIELDS,
)
from tests.conftest import queries_of

pytestmark = pytest.mark.django_db

# DCAT-US 1.1 (Project Open Data): the catalogue's and each dataset's required fields.
DCAT_US_CATALOG = {"@type", "conformsTo", "dataset"}
DCAT_US_DATASET = {
    "title",
    "description",
    "keyword",
    "modified",
    "publisher",
    "contactPoint",
    "identifier",
    "accessLevel",
}


def content(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_the_catalogue_has_every_field_it_declares(client, approved, approve_report, freeze):
    approve_report(approved())
    freeze()

    catalog = client.get(reverse("open:catalog")).json()

    assert catalog.keys() >= DCAT_US_CATALOG and catalog["conformsTo"] == CONFORMS_TO
    assert catalog["@type"] == "dcat:Catalog" and len(catalog["dataset"]) == 3
    assert set(REQUIRED_DATASET_FIELDS) >= DCAT_US_DATASET
    for dataset in catalog["dataset"]:
        assert all(dataset.get(f) for f in REQUIRED_DATASET_FIELDS), dataset["title"]
        assert dataset["accessLevel"] == "public"
        assert dataset["contactPoint"]["hasEmail"].startswith("mailto:")
        assert dataset["publisher"]["name"]
        for distribution in dataset["distribution"]:
            assert all(distribution.get(f) for f in REQUIRED_DISTRIBUTION_FIELDS)


def test_every_distribution_answers_with_its_media_type(client, approved, approve_report, freeze):
    approve_report(approved())
    freeze()
    catalog = client.get(reverse("open:catalog")).json()

    for distribution in [d for ds in catalog["dataset"] for d in ds["distribution"]]:
        url = urlsplit(distribution["downloadURL"])
        response = client.get(url.path, QUERY_STRING=url.query)
        assert response.status_code == 200, distribution["downloadURL"]
        assert response["Content-Type"].startswith(distribution["mediaType"])
        assert content(response)


def test_the_downloads_read_back_in_thai(client, approved):
    project = approved(name="โครงการดาวน์โหลด")

    csv_bytes = content(client.get(reverse("open:projects_download", args=["csv"])))
    rows = list(csv.DictReader(io.StringIO(csv_bytes.decode("utf-8-sig"))))
    data = json.loads(content(client.get(reverse("open:projects_download", args=["json"]))))
    book = load_workbook(
        io.BytesIO(content(client.get(reverse("open:projects_download", args=["xlsx"]))))
    )

    assert csv_bytes.startswith("\ufeff".encode())
    assert rows[0]["ชื่อโครงการ/การดำเนินงาน"] == "โครงการดาวน์โหลด"
    assert data["rows"][0]["code"] == project.code
    assert data["rows"][0]["start_date"] == "2023-10-01"
    assert data["rows"][0]["budget_total"] == 100000.0
    assert "โครงการดาวน์โหลด" in [c.value for c in book.active[3]]


def test_an_unknown_format_is_not_found(client):
    assert client.get("/open/projects.pdf").status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        reverse("open:projects"),
        reverse("open:projects_download", args=["csv"]),
        reverse("open:projects_download", args=["xlsx"]),
        reverse("open:linkage"),
    ],
)
def test_queries_do_not_grow_with_the_projects(client, approved, url):
    approved()
    approved()
    few = queries_of(lambda: content(client.get(url)))
    for _ in range(4):
        approved()
    cache.clear()  # the page as a new generation would build it
    many = queries_of(lambda: content(client.get(url)))

    assert few == many


def test_every_distribution_of_an_empty_portal_answers(client):
    catalog = client.get(reverse("open:catalog")).json()

    for distribution in [d for ds in catalog["dataset"] for d in ds["distribution"]]:
        url = urlsplit(distribution["downloadURL"])
        assert client.get(url.path).status_code == 200, distribution["downloadURL"]
        assert client.head(url.path).status_code == 200, distribution["downloadURL"]
