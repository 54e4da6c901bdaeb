"""The PDF certificate of a certified enrolment (WeasyPrint, Tinos embedded, Vietnamese).

WeasyPrint (70) keys embedded fonts by family, weight and style, so the unicode-range subsets of
one face in ``vendor/fonts/tinos/fonts.css`` (latin, latin-ext, vietnamese) would be merged into
one PDF font whose text cannot be extracted correctly. The certificate therefore reads that same
file with one family name per subset ("Tinos-vietnamese", ...) and lists them in order — the
same fix as the reports PDF (``reports.builders.pdf``, which this lower app may not import).
"""

import functools
import re

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from .models import Enrolment

STATIC_DIR = settings.BASE_DIR / "static"
TINOS_CSS = "vendor/fonts/tinos/fonts.css"
_FACE = re.compile(r"@font-face\s*\{[^}]*\}")
_SUBSET = re.compile(r"files/tinos-([a-z-]+?)-\d{3}-(?:normal|italic)\.woff2")


@functools.cache
def tinos_faces() -> tuple[str, str]:
    """(@font-face rules with one family per subset, the font-family list that uses them)."""
    source = (STATIC_DIR / TINOS_CSS).read_text(encoding="utf-8")
    faces, families = [], []
    for face in _FACE.findall(source):
        subset = _SUBSET.search(face)
        if subset is None:
            continue
        family = f"Tinos-{subset.group(1)}"
        faces.append(
            face.replace("font-family: 'Tinos'", f"font-family: '{family}'").replace(
                "url(files/", "url(vendor/fonts/tinos/files/"
            )
        )
        if family not in families:
            families.append(family)
    # The Vietnamese subset first: it must win for the letters it carries.
    families.sort(key=lambda f: (f != "Tinos-vietnamese", f != "Tinos-latin", f))
    return "\n".join(faces), ", ".join(f"'{f}'" for f in families)


def certificate_pdf(enrolment: Enrolment) -> bytes:
    """Render the certificate of ``enrolment`` (which must be certified) as PDF bytes."""
    from weasyprint import HTML

    faces, families = tinos_faces()
    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string(
            "training/certificate_pdf.html",
            {
                "enrolment": enrolment,
                "participant": enrolment.participant,
                "course": enrolment.course,
                "font_faces": faces,
                "font_families": families,
            },
        )
    # base_url is the static folder, so the font files resolve and are embedded.
    return HTML(string=html, base_url=STATIC_DIR.as_uri() + "/").write_pdf()
