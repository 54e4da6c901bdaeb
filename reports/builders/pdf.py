"""The PDF: the Decree 30/2020 layout rendered by WeasyPrint from the frozen figures.

Fonts (Tinos, metric-compatible with Times New Roman) and the stylesheet are loaded from the
repository's ``static`` folder through ``base_url``, so the PDF is the same on every machine.

WeasyPrint (70) keys the fonts it embeds by their Pango description (family, weight, style),
so the three unicode-range subsets of one face in ``vendor/fonts/tinos/fonts.css`` would be
merged into one PDF font with the wrong glyphs. The PDF therefore reads that same file with one
family name per subset ("Tinos-vietnamese", ...) and lists them in order (``document.css``).
"""

import functools
import re

from django.conf import settings
from django.template.loader import render_to_string

from .xlsx import budget_labels, kpi_columns, status_label


def static_base_url() -> str:
    """WeasyPrint resolves ``vendor/fonts/tinos/fonts.css`` and ``reports/document.css`` here."""
    return (settings.BASE_DIR / "static").as_uri() + "/"


TINOS_CSS = "vendor/fonts/tinos/fonts.css"
_FACE = re.compile(r"@font-face\s*\{[^}]*\}")
_SUBSET = re.compile(r"files/tinos-([a-z-]+?)-\d{3}-(?:normal|italic)\.woff2")


@functools.cache
def font_faces_css() -> str:
    """The vendored Tinos @font-face rules, one family per subset, URLs relative to static/."""
    source = (settings.BASE_DIR / "static" / TINOS_CSS).read_text(encoding="utf-8")
    faces = []
    for face in _FACE.findall(source):
        subset = _SUBSET.search(face)
        if subset is None:
            continue
        face = face.replace("font-family: 'Tinos'", f"font-family: 'Tinos-{subset.group(1)}'")
        faces.append(face.replace("url(files/", "url(vendor/fonts/tinos/files/"))
    return "\n".join(faces)


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
            "font_faces": font_faces_css(),
        },
    )


def render_pdf(*, figures: dict) -> bytes:
    from weasyprint import HTML

    return HTML(string=render_html(figures=figures), base_url=static_base_url()).write_pdf()
