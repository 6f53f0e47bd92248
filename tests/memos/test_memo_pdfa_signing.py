"""Issued memos as PDF/A-3b, signed (PAdES) when the administrator configures a certificate."""

import io
from datetime import datetime, timedelta

import pytest
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.urls import reverse
from lxml import etree
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from core.clock import freeze
from memos.models import Memo, MemoKind, PdfStatus
from memos.services import memo_draft, memo_issue, memo_render
from tests.reporting.seed000 import build_seed_000_round

pytestmark = pytest.mark.django_db

PDFAID = "http://www.aiim.org/pdfa/ns/id/"
PASSPHRASE = "ความลับ-1234"


def issued_memo(user) -> Memo:
    build_seed_000_round()
    memo = memo_draft(kind=MemoKind.QUARTER_APPROVAL, user=user, fiscal_year=2566, quarter=1)
    with freeze(datetime(2023, 3, 28, 10, 0)):
        memo = memo_issue(memo=memo, user=user)
    memo_render(memo_id=memo.pk)
    return Memo.objects.get(pk=memo.pk)


def pdfa_identification(content: bytes) -> tuple[str, str]:
    """pdfaid:part and pdfaid:conformance from the PDF's XMP metadata (element or attribute)."""
    xmp = etree.fromstring(PdfFileReader(io.BytesIO(content)).root["/Metadata"].data)

    def value(name: str) -> str:
        element = xmp.find(f".//{{{PDFAID}}}{name}")
        if element is not None:
            return element.text
        holders = xmp.xpath(f"//*[@*[local-name()='{name}']]")
        return holders[0].get(f"{{{PDFAID}}}{name}")

    return value("part"), value("conformance")


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "กระทรวงแรงงาน"),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "TH"),
        ]
    )


def _certificate(subject, issuer, key, signing_key, *, ca: bool) -> x509.Certificate:
    now = datetime.now().astimezone()
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=not ca,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=ca,
                crl_sign=ca,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
    )
    return builder.sign(signing_key, hashes.SHA256())


@pytest.fixture
def test_root_and_p12(tmp_path):
    """A self-signed test root, a signer's certificate it issued, and the signer's PKCS#12."""
    root_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    root_name = _name("eMENSCR test root")
    root = _certificate(root_name, root_name, root_key, root_key, ca=True)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    leaf = _certificate(_name("นายทดสอบ ลงนาม"), root_name, key, root_key, ca=False)
    path = tmp_path / "signer.p12"
    path.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"signer",
            key,
            leaf,
            [root],
            serialization.BestAvailableEncryption(PASSPHRASE.encode()),
        )
    )
    return asn1_x509.Certificate.load(root.public_bytes(serialization.Encoding.DER)), path


def test_an_issued_memo_is_pdf_a_3b_and_unsigned_by_default(pyp, client):
    memo = issued_memo(pyp)

    content = memo.pdf.read()

    assert pdfa_identification(content) == ("3", "B")
    assert PdfFileReader(io.BytesIO(content)).embedded_signatures == []
    assert (memo.pdf_signed_by, memo.pdf_signed_at) == ("", None)
    client.force_login(pyp)
    assert "ไม่ได้ลงลายมือชื่อดิจิทัล" in client.get(memo.get_absolute_url()).content.decode()


def test_a_configured_certificate_signs_the_issued_pdf_and_the_page_says_who(
    pyp, client, settings, test_root_and_p12
):
    root, p12 = test_root_and_p12
    settings.MEMO_SIGNING_P12, settings.MEMO_SIGNING_PASSPHRASE = str(p12), PASSPHRASE

    memo = issued_memo(pyp)

    content = memo.pdf.read()
    reader = PdfFileReader(io.BytesIO(content))
    [signature] = reader.embedded_signatures
    assert signature.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"  # PAdES
    status = validate_pdf_signature(signature, ValidationContext(trust_roots=[root]))
    assert status.intact and status.valid and status.trusted and status.bottom_line
    assert pdfa_identification(content) == ("3", "B")  # the signature is an appended update
    assert memo.pdf_status == PdfStatus.READY
    assert memo.pdf_signed_by == "C=TH,O=กระทรวงแรงงาน,CN=นายทดสอบ ลงนาม"
    assert memo.pdf_signed_at is not None
    client.force_login(pyp)
    page = client.get(memo.get_absolute_url()).content.decode()
    assert "ลงลายมือชื่อดิจิทัล (PAdES) โดย" in page and "CN=นายทดสอบ ลงนาม" in page


def test_a_wrong_passphrase_fails_the_pdf_instead_of_issuing_it_unsigned(
    pyp, settings, test_root_and_p12
):
    _, p12 = test_root_and_p12
    settings.MEMO_SIGNING_P12, settings.MEMO_SIGNING_PASSPHRASE = str(p12), "ผิด"

    with pytest.raises(Exception, match="MEMO_SIGNING_P12"):
        issued_memo(pyp)

    memo = Memo.objects.get()
    assert memo.pdf_status == PdfStatus.FAILED and not memo.pdf and memo.pdf_signed_by == ""


def test_the_draft_preview_is_not_pdf_a(pyp, client):
    build_seed_000_round()
    draft = memo_draft(kind=MemoKind.QUARTER_APPROVAL, user=pyp, fiscal_year=2566, quarter=1)
    client.force_login(pyp)

    content = client.get(reverse("memos:memo_preview", args=[draft.pk])).content

    assert b"pdfaid" not in content
