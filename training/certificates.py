"""The PDF certificate of a certified enrolment (WeasyPrint, Tinos embedded, Vietnamese)."""

import secrets

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from core.pdf import TINOS_FAMILIES, html_to_pdf, tinos_font_faces

from .models import Enrolment


def certificate_pdf(enrolment: Enrolment) -> bytes:
    """Render the certificate of ``enrolment`` (which must be certified) as PDF bytes."""
    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string(
            "training/certificate_pdf.html",
            {
                "enrolment": enrolment,
                "participant": enrolment.participant,
                "course": enrolment.course,
                "font_faces": tinos_font_faces(),
                "font_families": TINOS_FAMILIES,
            },
        )
    return html_to_pdf(html)


# Verification codes printed on certificates (the public verify page reads them back).
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


def new_verification_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def normalise_code(value: str) -> str:
    raw = "".join(ch for ch in (value or "").upper() if ch.isalnum())
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:12]}" if len(raw) == 12 else raw
