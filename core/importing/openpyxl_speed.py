"""Two costs of openpyxl's read-only reader that imports need not pay (patched once, on import of
``core.importing``): a sheet without ``<dimension>`` parsed twice, and a rich-text object built
for every plain inline string."""

from __future__ import annotations

from dataclasses import dataclass


def _parse_dimensions(self):
    """openpyxl's ``WorkSheetParser.parse_dimensions`` listens to *end* events, so on a sheet
    without ``<dimension>`` (openpyxl's write-only files, many generators) it stops at the end of
    ``<sheetData>``: the whole sheet is parsed once more before it is read, a quarter of an
    import's time. The same answer from *start* events: ``<dimension>`` or ``<sheetData>`` come
    first. (Same defusedxml parser; openpyxl 3.1.)"""
    from openpyxl.worksheet import _reader

    for _event, element in _reader.iterparse(self.source, events=("start",)):
        if element.tag == _reader.DIMENSION_TAG:
            return _reader.SheetDimension.from_tree(element).boundaries
        if element.tag == _reader.DATA_TAG:
            return None
    return None


class _InlineText:
    """Stands for ``openpyxl.cell.text.Text`` in the sheet reader: an inline string made of one
    plain ``<t>`` (what generators write) is read straight from the element, without building
    openpyxl's rich-text objects; anything else (runs, phonetics) goes to ``Text`` as before."""

    _T = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}t"

    @dataclass(frozen=True)
    class _Plain:
        content: str

    @classmethod
    def from_tree(cls, node):
        from openpyxl.cell.text import Text

        children = list(node)
        if len(children) == 1 and children[0].tag == cls._T and not len(children[0]):
            return cls._Plain(children[0].text or "")
        return Text.from_tree(node)


def _patch_openpyxl() -> None:
    from openpyxl.worksheet import _reader

    _reader.WorkSheetParser.parse_dimensions = _parse_dimensions
    _reader.Text = _InlineText


_patch_openpyxl()
