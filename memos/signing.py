"""The issued memo's PDF signed with the ministry's certificate (PAdES, pyHanko).

Signing is off until an administrator configures a PKCS#12 file and its
passphrase (settings MEMO_SIGNING_P12 and MEMO_SIGNING_PASSPHRASE, read from
the environment). The signature is an incremental update appended to the
PDF/A-3b file, which PDF/A-3 allows, so the signed file stays archival.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cryptography import x509
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers

FIELD_NAME = "MemoSignature"
# The signature's /Reason and /Location, read by PDF viewers (Thai, as the memo is).
REASON = "ออกหนังสือราชการ (บันทึกข้อความ) จากระบบ eMENSCR กระทรวงแรงงาน"


@dataclass(frozen=True)
class SignedPdf:
    content: bytes
    signed_by: str  # the certificate's subject, e.g. "CN=...,O=กระทรวงแรงงาน,C=TH"
    signed_at: datetime


def signing_enabled() -> bool:
    return bool(settings.MEMO_SIGNING_P12)


def _signer() -> signers.SimpleSigner:
    path = Path(settings.MEMO_SIGNING_P12)
    if not path.is_file():
        raise ImproperlyConfigured(f"MEMO_SIGNING_P12: no such file {path}")
    passphrase = settings.MEMO_SIGNING_PASSPHRASE
    signer = signers.SimpleSigner.load_pkcs12(
        pfx_file=str(path), passphrase=passphrase.encode() if passphrase else None
    )
    if signer is None:  # pyHanko logs the reason (a wrong passphrase, a broken file)
        raise ImproperlyConfigured("MEMO_SIGNING_P12 could not be opened with its passphrase")
    return signer


def certificate_subject(signer: signers.SimpleSigner) -> str:
    """The signing certificate's subject as RFC 4514 writes it."""
    return x509.load_der_x509_certificate(signer.signing_cert.dump()).subject.rfc4514_string()


def pdf_sign(content: bytes) -> SignedPdf:
    """`content` with a PAdES baseline signature (SHA-256) by the configured certificate."""
    signer = _signer()
    signed_at = timezone.now()
    metadata = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=REASON,
        location="กระทรวงแรงงาน",
    )
    pdf_signer = signers.PdfSigner(metadata, signer=signer)
    writer = IncrementalPdfFileWriter(io.BytesIO(content))
    out = pdf_signer.sign_pdf(writer)
    return SignedPdf(out.getvalue(), certificate_subject(signer), signed_at)
