"""The PDF certificate of a certified enrolment (WeasyPrint, Tinos embedded, Vietnamese)."""

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
