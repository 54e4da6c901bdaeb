from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.files import stream_file
from core.forms import add_refusal

from . import selectors, services
from .forms import ReportEditForm, ReportRequestForm
from .models import ReportKind
from .permissions import (
    ROLES,
    can_edit_report,
    can_finalise_report,
    can_request_report,
    can_retry_report,
)

# Object pages ("report_page") admit every role and scope through the selector, so a partner or an
# enterprise guessing a report's URL gets 404 — the same answer as "does not exist".


def _get_run(request, pk):
    return get_object_or_404(selectors.reports_visible_to(user=request.user), pk=pk)


@ROLES.required("report_list")
def report_list(request):
    """Reports, newest first, filterable by plan and kind."""
    kind = request.GET.get("kind", "")
    kind = kind if kind in ReportKind.values else ""
    runs = selectors.report_list(user=request.user, kind=kind)
    page = Paginator(runs, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "reports/list.html",
        {
            "page": page,
            "kind": kind,
            "kinds": ReportKind.choices,
            "can_request": can_request_report(request.user),
        },
    )


@ROLES.required("report_request")
def report_create(request):
    """Staff ask for a report; the same inputs return the report already asked for."""
    form = ReportRequestForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            run, created = services.report_request(
                plan=data["plan"],
                kind=data["kind"],
                year=data.get("year"),
                data_from=data.get("data_from"),
                data_to=data.get("data_to"),
                actor=request.user,
            )
        except ValidationError as exc:
            add_refusal(form, exc)
        else:
            if not created:
                messages.info(request, _("This report was already requested; here it is."))
            return redirect("reports:detail", pk=run.pk)
    return render(request, "reports/create.html", {"form": form})


def _detail_context(request, run):
    user = request.user
    return {
        "run": run,
        "missing_for_final": services.missing_for_final(run) if run.status == "succeeded" else [],
        "can_edit": can_edit_report(user, run),
        "can_retry": can_retry_report(user, run),
        "can_finalise": can_finalise_report(user, run),
    }


@ROLES.required("report_page")
def report_detail(request, pk):
    """The report: status (polled while it builds), files, figures summary and versions."""
    run = _get_run(request, pk)
    context = _detail_context(request, run) | {"versions": selectors.report_versions(run=run)}
    return render(request, "reports/detail.html", context)


@ROLES.required("report_page")
def report_status(request, pk):
    """The status fragment that HTMX polls while the report builds (``?cell=1``: the list's cell);
    once built or failed it comes back without the polling attributes, so the polling stops."""
    run = _get_run(request, pk)
    if request.GET.get("cell"):
        return render(request, "reports/_status_cell.html", {"run": run})
    return render(request, "reports/_status.html", _detail_context(request, run))


@ROLES.required("report_page")
def report_edit(request, pk):
    """Edit a draft (rebuilt in place) or a finalised report (which makes a new version)."""
    run = _get_run(request, pk)
    if not can_edit_report(request.user, run):
        raise PermissionDenied
    form = ReportEditForm(request.POST or None, instance=run)
    if request.method == "POST" and form.is_valid():
        changes = {field: form.cleaned_data[field] for field in services.EDITABLE_FIELDS if field in form.cleaned_data}
        try:
            result = services.report_update(run=_get_run(request, pk), actor=request.user, **changes)
        except ValidationError as exc:
            add_refusal(form, exc)
        else:
            if result.pk != run.pk:
                messages.success(
                    request,
                    _("The report was finalised, so your changes made version %(version)s.")
                    % {"version": result.version},
                )
            return redirect("reports:detail", pk=result.pk)
    return render(request, "reports/edit.html", {"form": form, "run": run})


@require_POST
@ROLES.required("report_page")
def report_retry_view(request, pk):
    run = _get_run(request, pk)
    if not can_request_report(request.user):
        raise PermissionDenied
    try:
        services.report_retry(run=run, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("reports:detail", pk=run.pk)


@require_POST
@ROLES.required("report_page")
def report_finalise_view(request, pk):
    run = _get_run(request, pk)
    if not can_finalise_report(request.user, run):
        raise PermissionDenied
    try:
        services.report_finalise(run=run, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("The report was approved; its final files (without the draft mark) are being built."),
        )
    return redirect("reports:detail", pk=run.pk)


CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


@ROLES.required("report_page")
def report_download(request, pk, fmt):
    """Serve a report file through the permission check (files have no public URL)."""
    run = _get_run(request, pk)
    if fmt not in CONTENT_TYPES:
        raise Http404
    field = run.xlsx_file if fmt == "xlsx" else run.pdf_file
    return stream_file(field, filename=run.download_name(fmt), content_type=CONTENT_TYPES[fmt])
