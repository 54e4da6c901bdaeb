"""The staff list as an XLSX workbook, built by a background job (``core.exports``): the request
only queues it, so 100k rows never hold a web worker past its timeout."""

from __future__ import annotations

from django.http import QueryDict
from django.utils import translation
from django.utils.translation import gettext as _

from core import clock, workbook
from core.audit import audit_record
from core.exports import export_start, register_export
from core.workbook import XLSX_CONTENT_TYPE

KIND = "enterprises.export"
CHUNK = 1000


def filtered_enterprises(user, query: str):
    """The staff list's rows for ``user`` under the filters of ``query`` (a URL query string)."""
    from .filters import EnterpriseFilter
    from .selectors import enterprise_list

    data = QueryDict(query)
    filterset = EnterpriseFilter(data or None, queryset=enterprise_list(user=user).order_by("name", "pk"))
    return filterset.qs if filterset.is_bound and filterset.is_valid() else filterset.queryset


def enterprise_export_start(*, user, query: str):
    """Queue the export of the list filtered by ``query``; the request is audited."""
    audit_record(actor=user, action="enterprise.exported", query=query)
    return export_start(kind=KIND, owner=user, params={"query": query, "language": translation.get_language()})


def _header() -> list[str]:
    return [
        _("Tax code"),
        _("Name"),
        _("Short name"),
        _("Legal form"),
        _("Administrative unit"),
        _("Unit code"),
        _("VSIC code"),
        _("Sector"),
        _("Employees"),
        _("Revenue (VND)"),
        _("Capital (VND)"),
        _("Year of the figures"),
        _("Size class"),
        _("Model enterprise"),
        _("Status"),
        _("Verified representatives"),
        _("Address"),
        _("Phone"),
        _("E-mail"),
    ]


def _row(e) -> list:
    return [
        e.tax_code,
        e.name,
        e.short_name,
        e.get_legal_form_display(),
        e.unit.name if e.unit else "",
        e.unit.code if e.unit else "",
        e.sector.code if e.sector else "",
        e.sector.name if e.sector else "",
        e.employees,
        e.revenue,
        e.capital,
        e.figures_year,
        e.get_size_class_display(),
        _("Yes") if e.is_model else _("No"),
        e.get_status_display(),
        e.verified_count,
        e.address,
        e.phone,
        e.email,
    ]


def build_enterprise_export(job, progress, handle) -> tuple[str, int]:
    """Write the workbook to ``handle``, 1,000 rows at a time (keys first, then each chunk's rows
    with their joins and counts), reporting progress; returns (file name, rows)."""
    from .selectors import list_rows

    with translation.override(job.params.get("language") or "vi"):
        queryset = filtered_enterprises(job.owner, job.params.get("query", ""))
        keys = list(queryset.values_list("pk", flat=True))
        wb = workbook.new_workbook()
        ws = workbook.add_sheet(wb, _("Enterprises"))
        workbook.append_row(ws, _header())
        model = queryset.model
        for start in range(0, len(keys), CHUNK):
            chunk = keys[start : start + CHUNK]
            rows = {e.pk: e for e in list_rows(model.objects.filter(pk__in=chunk))}
            for pk in chunk:
                if pk in rows:
                    workbook.append_row(ws, _row(rows[pk]))
            progress(5 + 90 * (start + len(chunk)) // max(1, len(keys)))
        wb.save(handle)
    return f"doanh-nghiep-{clock.today():%Y%m%d}.xlsx", len(keys)


def register_enterprise_export() -> None:
    register_export(KIND, build_enterprise_export, content_type=XLSX_CONTENT_TYPE)
