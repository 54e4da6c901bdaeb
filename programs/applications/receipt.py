"""The receipt PDF (WeasyPrint, Tinos embedded) that the enterprise keeps after submitting."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone


def receipt_pdf(application) -> bytes:
    """Render the receipt of a submitted application to PDF bytes."""
    from weasyprint import HTML

    html = render_to_string(
        "applications/receipt.html",
        {"application": application, "printed_at": timezone.localtime(), "plan": application.scheme.plan},
    )
    base_url = (settings.BASE_DIR / "static").as_uri() + "/"
    return HTML(string=html, base_url=base_url).write_pdf()
