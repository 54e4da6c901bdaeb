"""The receipt PDF (WeasyPrint, Tinos embedded) that the enterprise keeps after submitting.

WeasyPrint 70 keys embedded fonts by family, weight and style, so the unicode-range subsets of
Tinos in ``static/vendor/fonts/tinos/fonts.css`` (latin, latin-ext, vietnamese) would merge into
one PDF font with the wrong glyphs. The receipt reads that file with one family per subset
("Tinos-vietnamese", ...) and lists them in order. (``reports`` does the same for its documents;
the lower app cannot import it.)
"""

import functools
import re

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

TINOS_CSS = "vendor/fonts/tinos/fonts.css"
FONT_STACK = '"Tinos-latin", "Tinos-vietnamese", "Tinos-latin-ext", serif'
_FACE = re.compile(r"@font-face\s*\{[^}]*\}")
_SUBSET = re.compile(r"files/tinos-([a-z-]+?)-\d{3}-(?:normal|italic)\.woff2")


@functools.cache
def tinos_font_faces() -> str:
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


def receipt_pdf(application) -> bytes:
    """Render the receipt of a submitted application to PDF bytes."""
    from weasyprint import HTML

    html = render_to_string(
        "applications/receipt.html",
        {
            "application": application,
            "printed_at": timezone.localtime(),
            "plan": application.scheme.plan,
            "font_faces": tinos_font_faces(),
            "font_stack": FONT_STACK,
        },
    )
    base_url = (settings.BASE_DIR / "static").as_uri() + "/"
    return HTML(string=html, base_url=base_url).write_pdf()
