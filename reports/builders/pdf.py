"""The PDF: the Decree 30/2020 layout rendered by WeasyPrint from the frozen figures.

Fonts (Tinos, see ``core.pdf``) and ``reports/document.css`` are loaded from the repository's
``static`` folder, so the PDF is the same on every machine; WeasyPrint writes no build date, so
the same figures give the same bytes. A draft carries a "DỰ THẢO" mark on every page; the final
files, built when a leader approves, do not.
"""

from django.template.loader import render_to_string
from django.utils.translation import pgettext

from core.pdf import html_to_pdf, static_base_url, tinos_font_faces

from .xlsx import budget_labels, narrative_sections, status_label

__all__ = ["render_html", "render_pdf", "static_base_url"]


def _dmy(value: str | None) -> str:
    return f"{value[8:10]}/{value[5:7]}/{value[:4]}" if value else ""


def render_html(*, figures: dict, final: bool = False) -> str:
    kpis = [{**kpi, "status_label": status_label(kpi["status"])} for kpi in (figures["kpis"] or [])]
    period = figures["period"]
    ranges = [{"year": r["year"], "start": _dmy(r["start"]), "end": _dmy(r["end"])} for r in period["ranges"]]
    return render_to_string(
        "reports/document.html",
        {
            "f": figures,
            "h": figures["header"],
            "kpis": kpis,
            "ranges": ranges,
            "as_of": f"{period['as_of'][11:16]} {_dmy(period['as_of'])}",
            "money_cutoff": _dmy(period["money_cutoff"]),
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
            "narrative": narrative_sections(figures),
            "draft": not final,
            "font_faces": tinos_font_faces(),
        },
    )


def render_pdf(*, figures: dict, final: bool = False) -> bytes:
    return html_to_pdf(render_html(figures=figures, final=final))
