"""Partner reporting pages: partners prepare and submit; staff approve, return or unlock."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Role
from core.audit import audit_events_for
from core.files import stream_file
from core.uploads import content_type_of_stored
from core.workflow import InvalidTransition

from .. import forms
from ..models import PartnerActivity, PartnerFigure, PartnerReport
from ..permissions import ROLES, can_edit_partner_report, can_review_partner_report
from ..selectors.partners import no_indicator_reason, partner_report_detail, partner_reports_visible_to
from ..services import (
    partner_activity_save,
    partner_figure_save,
    partner_report_approve,
    partner_report_return,
    partner_report_save,
    partner_report_submit,
    partner_report_unlock,
)
from ..services.partners import PeriodLocked
from .common import save_form


def _detail_url(report) -> str:
    return reverse("programs:partner_report_detail", args=[report.pk])


@ROLES.required("partner_report_view")
def partner_report_list(request):
    from django.core.paginator import Paginator

    page = Paginator(partner_reports_visible_to(user=request.user), 25).get_page(request.GET.get("page"))
    return render(
        request,
        "programs/partner_report_list.html",
        {
            "page": page,
            "can_create": request.user.has_role(Role.PARTNER),
        },
    )


@ROLES.required("partner_report_view")
def partner_report_view(request, pk):
    report = partner_report_detail(user=request.user, pk=pk)
    editable = can_edit_partner_report(request.user, report)
    return render(
        request,
        "programs/partner_report_detail.html",
        {
            "report": report,
            "editable": editable,
            "reviewer": can_review_partner_report(request.user),
            "member": report.organisation.users.filter(pk=request.user.pk).exists(),
            "figure_form": forms.PartnerFigureForm(report=report) if editable else None,
            "no_indicator_reason": no_indicator_reason(report) if editable else "",
            "activity_form": forms.PartnerActivityForm() if editable else None,
            "reason_form": forms.ReasonForm(),
            "events": audit_events_for(report)[:50],
        },
    )


def _locked_response(request, report):
    return render(request, "programs/partner_locked.html", {"report": report}, status=403)


@ROLES.required("partner_report_edit")
def partner_report_edit(request, pk=None):
    report = partner_report_detail(user=request.user, pk=pk) if pk else PartnerReport()
    if pk and report.is_locked:
        return _locked_response(request, report)
    form = forms.PartnerReportForm(request.POST or None, instance=report, user=request.user)

    def save(f):
        try:
            partner_report_save(report=f.save(commit=False), actor=request.user)
        except PermissionDenied as exc:
            raise ValidationError(str(exc) or _("You may not change this report.")) from exc

    return save_form(
        request,
        form,
        save,
        success_url=lambda: _detail_url(form.instance),
        title=_("Partner report"),
        back_url=reverse("programs:partner_report_list"),
    )


def _partner_post(request, pk, do):
    report = partner_report_detail(user=request.user, pk=pk)
    try:
        do(report)
    except PeriodLocked:
        return _locked_response(request, report)
    except InvalidTransition:
        messages.error(request, _("This step is not possible in the report's current status."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Saved."))
    return redirect(_detail_url(report))


@require_POST
@ROLES.required("partner_report_edit")
def partner_figure_add(request, pk):
    def do(report):
        form = forms.PartnerFigureForm(request.POST, request.FILES, report=report)
        if not form.is_valid():
            raise ValidationError([e for errs in form.errors.values() for e in errs])
        d = form.cleaned_data
        partner_figure_save(
            report=report,
            indicator=d["indicator"],
            value=d["value"],
            evidence_note=d["evidence_note"],
            upload=d.get("evidence_file"),
            actor=request.user,
        )

    return _partner_post(request, pk, do)


@require_POST
@ROLES.required("partner_report_edit")
def partner_activity_add(request, pk):
    def do(report):
        form = forms.PartnerActivityForm(request.POST, instance=PartnerActivity(report=report))
        if not form.is_valid():
            raise ValidationError([e for errs in form.errors.values() for e in errs])
        partner_activity_save(activity=form.save(commit=False), actor=request.user)

    return _partner_post(request, pk, do)


@require_POST
@ROLES.required("partner_report_edit")
def partner_report_submit_view(request, pk):
    return _partner_post(request, pk, lambda r: partner_report_submit(report=r, actor=request.user))


@require_POST
@ROLES.required("partner_report_review")
def partner_report_decide(request, pk, action):
    """Approve (lock), return or unlock a report (staff); return and unlock need a reason."""
    reason = request.POST.get("reason", "")
    services = {
        "approve": lambda r: partner_report_approve(report=r, actor=request.user),
        "return": lambda r: partner_report_return(report=r, reason=reason, actor=request.user),
        "unlock": lambda r: partner_report_unlock(report=r, reason=reason, actor=request.user),
    }
    if action not in services:
        raise Http404
    return _partner_post(request, pk, services[action])


@ROLES.required("partner_report_view")
def partner_evidence(request, pk):
    """Serve a figure's evidence file to those who may see the report."""
    figure = get_object_or_404(PartnerFigure.objects.select_related("report"), pk=pk)
    partner_report_detail(user=request.user, pk=figure.report_id)  # 404 unless visible
    return stream_file(
        figure.evidence_file,
        filename=figure.evidence_name or "evidence",
        content_type=content_type_of_stored(figure.evidence_file.name),
    )
