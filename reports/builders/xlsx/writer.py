"""Write every sheet of the report to a file, reproducibly."""

from pathlib import Path

from openpyxl import Workbook

from core.reproducible import save_workbook

from .lists import _list_activities, _list_applications, _list_courses, _list_enterprises, _list_outcomes
from .resources import _appendix, _budget, _narrative, _partners
from .results import _info, _kpis, _outcomes, _results, _support, _training


def write_xlsx(*, figures: dict, builder, path: Path, final: bool = False) -> None:
    """Write every sheet to ``path`` (streamed: rows go to disk as they are written)."""
    workbook = Workbook(write_only=True)
    _info(workbook, figures, final=final)
    _results(workbook, figures)
    _kpis(workbook, figures)
    _support(workbook, figures)
    if figures.get("outcomes_included"):
        _outcomes(workbook, figures)
    _training(workbook, figures)
    _budget(workbook, figures)
    _partners(workbook, figures)
    _narrative(workbook, figures)
    if figures.get("include_yearly_appendix", True):
        _appendix(workbook, figures)
    builder.on_progress(60)
    _list_enterprises(workbook, builder.detail_rows("enterprises"))
    _list_applications(workbook, builder.detail_rows("applications"))
    _list_courses(workbook, builder.detail_rows("courses"))
    _list_activities(workbook, builder.detail_rows("activities"))
    if figures.get("outcomes_included"):
        _list_outcomes(workbook, builder.detail_rows("outcomes"))
    save_workbook(workbook, path, moment=builder.file_moment)
