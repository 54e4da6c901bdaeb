"""The Ministry's pages: the roll-up and its export (read-only; the national role only)."""

from django.http import Http404, HttpResponse
from django.shortcuts import render

from core.audit import audit_record
from core.workbook import XLSX_CONTENT_TYPE

from .exports import rollup_csv, rollup_xlsx, target_text
from .permissions import ROLES
from .rollup import national_rollup

EXPORTS = {
    "xlsx": (rollup_xlsx, XLSX_CONTENT_TYPE, "tong-hop-toan-quoc.xlsx"),
    "csv": (rollup_csv, "text/csv; charset=utf-8", "tong-hop-toan-quoc.csv"),
}


@ROLES.required("rollup")
def rollup(request):
    data = national_rollup()
    targets = [(t, target_text(t), data.totals[t.code]) for t in data.targets]
    rows = [(row, [row.cells.get(t.code) for t in data.targets]) for row in data.agencies]
    return render(request, "national/rollup.html", {"rollup": data, "targets": targets, "rows": rows})


@ROLES.required("rollup")
def export(request, fmt: str):
    if fmt not in EXPORTS:
        raise Http404
    build, content_type, filename = EXPORTS[fmt]
    body = build(national_rollup())
    audit_record(actor=request.user, action="national.export", format=fmt)
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
