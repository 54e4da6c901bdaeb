"""The PDF: the Decree 30/2020 layout rendered by WeasyPrint from the frozen figures.

Fonts (Tinos, see ``core.pdf``) and ``reports/document.css`` are loaded from the repository's
``static`` folder, so the PDF is the same on every machine.
"""

from django.template.loader import render_to_string
from django.utils.translation import pgettext

from core.pdf import html_to_pdf, static_base_url, tinos_font_faces

from .xlsx import budget_labels, kpi_columns, status_label

__all__ = ["render_html", "render_pdf", "static_base_url"]


def render_html(*, figures: dict) -> str:
    kpis = [{**kpi, "status_label": status_label(kpi["status"])} for kpi in (figures["kpis"] or [])]
    return render_to_string(
        "reports/document.html",
        {
            "f": figures,
            "h": figures["header"],
            "kpis": kpis,
            "kpi_columns": kpi_columns(figures),
            "budget_labels": budget_labels(),
            "outcome_tables": [
                ("by_scheme", pgettext("report", "Support scheme"), pgettext("report", "Table 4a. Outcomes by scheme")),
                ("by_sector", pgettext("report", "Sector"), pgettext("report", "Table 4b. Outcomes by sector")),
                (
                    "by_unit",
                    pgettext("report", "Administrative unit"),
                    pgettext("report", "Table 4c. Outcomes by administrative unit"),
                ),
            ],
            "font_faces": tinos_font_faces(),
        },
    )


def render_pdf(*, figures: dict) -> bytes:
    return html_to_pdf(render_html(figures=figures))
