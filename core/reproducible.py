"""Byte-for-byte reproducible files: the same content always gives the same bytes (and checksum).

openpyxl stamps a workbook with the time it was created and saved (``docProps/core.xml``) and
zips every part with the current time (or a temporary file's time) — so two saves of one
workbook differ. ``save_workbook`` writes the parts itself with a fixed time and the document
properties set to a given moment (a report's cut-off, for instance). WeasyPrint writes no date
and no file identifier unless the HTML asks for them (``<meta name=dcterms.created>``), so a PDF
rendered twice from the same HTML is the same; ``html_to_pdf`` in ``core.pdf`` relies on that.
"""

import datetime
import shutil
import zipfile
from pathlib import Path

from openpyxl.writer.excel import ExcelWriter

ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry


class _FixedTimeZip(zipfile.ZipFile):
    """A zip whose every entry carries ``ZIP_TIME`` and fixed permissions."""

    def _info(self, name: str) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o600 << 16
        return info

    def writestr(self, zinfo_or_arcname, data, compress_type=None, compresslevel=None):
        name = zinfo_or_arcname.filename if isinstance(zinfo_or_arcname, zipfile.ZipInfo) else zinfo_or_arcname
        super().writestr(self._info(name), data)

    def write(self, filename, arcname=None, compress_type=None, compresslevel=None):
        info = self._info(arcname or Path(filename).name)
        with open(filename, "rb") as source, self.open(info, "w", force_zip64=True) as target:
            shutil.copyfileobj(source, target, 1024 * 1024)


def save_workbook(workbook, path: Path, *, moment: datetime.datetime) -> None:
    """Save ``workbook`` (write-only or not) to ``path`` reproducibly, dated ``moment`` (naive UTC
    is what openpyxl stores; an aware moment is converted)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(datetime.UTC).replace(tzinfo=None)
    moment = moment.replace(microsecond=0)
    workbook.properties.created = moment
    workbook.properties.modified = moment
    workbook.properties.creator = "Năng suất"
    archive = _FixedTimeZip(path, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    ExcelWriter(workbook, archive).save()
