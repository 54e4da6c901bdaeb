"""The PDF certificate of a certified enrolment (WeasyPrint, Tinos embedded, Vietnamese)."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from .models import Enrolment

STATIC_DIR = settings.BASE_DIR / "static"


def certificate_pdf(enrolment: Enrolment) -> bytes:
    """Render the certificate of ``enrolment`` (which must be certified) as PDF bytes."""
    from weasyprint import HTML

    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string(
            "training/certificate_pdf.html",
            {
                "enrolment": enrolment,
                "participant": enrolment.participant,
                "course": enrolment.course,
            },
        )
    # base_url is the static folder, so the Tinos @font-face files resolve and are embedded.
    return HTML(string=html, base_url=f"{STATIC_DIR}/").write_pdf()
