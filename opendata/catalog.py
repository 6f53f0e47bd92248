"""The DCAT catalogue (`/open/catalog.json`) in the Project Open Data (DCAT-US 1.1)
schema that CKAN's harvester (ckanext-dcat, ckanext-datajson) reads: a dcat:Catalog of
dcat:Dataset entries, each with its dcat:Distribution files. The publisher is the
ministry (the root of the unit tree) and the contact point an office, never a person."""

from django.conf import settings
from django.urls import reverse

from core.clock import today
from orgs.models import OrgUnit

from .datasets import DATASETS, Dataset
from .downloads import FORMATS
from .selectors import last_changes

CONFORMS_TO = "https://project-open-data.cio.gov/v1.1/schema"
CONTEXT = "https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld"
DESCRIBED_BY = "https://project-open-data.cio.gov/v1.1/schema/catalog.json"
# What the catalogue promises of every dataset and distribution (DCAT-US 1.1's
# required fields, plus those CKAN shows); tests check each entry against these.
REQUIRED_DATASET_FIELDS = (
    "@type",
    "title",
    "description",
    "keyword",
    "modified",
    "publisher",
    "contactPoint",
    "identifier",
    "accessLevel",
    "distribution",
    "landingPage",
    "language",
    "license",
)
REQUIRED_DISTRIBUTION_FIELDS = ("@type", "downloadURL", "mediaType", "format", "title")


def _publisher() -> dict:
    ministry = OrgUnit.objects.filter(parent__isnull=True).order_by("path").first()
    return {"@type": "org:Organization", "name": ministry.name_th if ministry else ""}


def _distribution(request, dataset: Dataset, fmt: str) -> dict:
    media_type, label = FORMATS[fmt]
    return {
        "@type": "dcat:Distribution",
        "title": f"{dataset.title} ({label})",
        "downloadURL": request.build_absolute_uri(reverse(dataset.download, args=[fmt])),
        "mediaType": media_type,
        "format": label,
    }


def catalog(request) -> dict:
    changed = last_changes()
    publisher = _publisher()
    contact = {
        "@type": "vcard:Contact",
        "fn": settings.OPEN_DATA_CONTACT_NAME,
        "hasEmail": f"mailto:{settings.OPEN_DATA_CONTACT_EMAIL}",
    }
    datasets = []
    for dataset in DATASETS:
        modified = changed.get(dataset.key) or changed["projects"]
        datasets.append(
            {
                "@type": "dcat:Dataset",
                "title": dataset.title,
                "description": dataset.description,
                "keyword": list(dataset.keywords),
                "modified": (modified.date() if modified else today()).isoformat(),
                "publisher": publisher,
                "contactPoint": contact,
                "identifier": request.build_absolute_uri(reverse(dataset.page)),
                "accessLevel": "public",
                "license": settings.OPEN_DATA_LICENSE,
                "landingPage": request.build_absolute_uri(reverse(dataset.page)),
                "language": ["th"],
                "distribution": [_distribution(request, dataset, fmt) for fmt in FORMATS],
            }
        )
    return {
        "@context": CONTEXT,
        "@id": request.build_absolute_uri(reverse("open:catalog")),
        "@type": "dcat:Catalog",
        "conformsTo": CONFORMS_TO,
        "describedBy": DESCRIBED_BY,
        "dataset": datasets,
    }
