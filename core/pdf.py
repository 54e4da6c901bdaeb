"""PDF documents (receipts, certificates, reports): WeasyPrint with Tinos embedded.

Tinos is metric-compatible with Times New Roman, as Decree 30/2020 asks, and ships in the repo
(``static/vendor/fonts/tinos/``), so every PDF looks the same on every machine.

WeasyPrint (70) keys the fonts it embeds by family, weight and style, so the unicode-range
subsets of one face in ``fonts.css`` (latin, latin-ext, vietnamese) would merge into one PDF font
with the wrong glyphs, and the text could not be extracted. The rules are therefore read with
one family per subset ("Tinos-vietnamese", ...), listed Vietnamese first in ``TINOS_FAMILIES``.
"""

import functools
import re

from django.conf import settings

TINOS_CSS = "vendor/fonts/tinos/fonts.css"
_FACE = re.compile(r"@font-face\s*\{[^}]*\}")
_SUBSET = re.compile(r"files/tinos-([a-z-]+?)-\d{3}-(?:normal|italic)\.woff2")
TINOS_FAMILIES = "'Tinos-vietnamese', 'Tinos-latin', 'Tinos-latin-ext', serif"


def static_dir():
    return settings.BASE_DIR / "static"


def static_base_url() -> str:
    """Where WeasyPrint resolves relative URLs (fonts, stylesheets): the repo's static folder."""
    return static_dir().as_uri() + "/"


@functools.cache
def tinos_font_faces() -> str:
    """The vendored Tinos @font-face rules, one family per subset, URLs relative to static/."""
    source = (static_dir() / TINOS_CSS).read_text(encoding="utf-8")
    faces = []
    for face in _FACE.findall(source):
        subset = _SUBSET.search(face)
        if subset is None:
            continue
        face = face.replace("font-family: 'Tinos'", f"font-family: 'Tinos-{subset.group(1)}'")
        faces.append(face.replace("url(files/", "url(vendor/fonts/tinos/files/"))
    return "\n".join(faces)


def html_to_pdf(html: str) -> bytes:
    """Render ``html`` (which uses ``tinos_font_faces()``) to PDF bytes."""
    from weasyprint import HTML

    return HTML(string=html, base_url=static_base_url()).write_pdf()
