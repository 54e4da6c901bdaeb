"""The receipt PDF (WeasyPrint, Tinos embedded) that the enterprise keeps after submitting."""

from django.template.loader import render_to_string
from django.utils import timezone

from core import clock
from core.pdf import TINOS_FAMILIES, html_to_pdf, tinos_font_faces


def receipt_pdf(application) -> bytes:
    """Render the receipt of a submitted application to PDF bytes."""
    html = render_to_string(
        "applications/receipt.html",
        {
            "application": application,
            "printed_at": timezone.localtime(clock.now()),
            "plan": application.scheme.plan,
            "font_faces": tinos_font_faces(),
            "font_stack": TINOS_FAMILIES,
        },
    )
    return html_to_pdf(html)
