"""One application's pages: detail, timeline, receipt, documents, outcome figures, supplement and completion."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import clock
from core.downloads import bytes_download
from core.files import stream_file
from core.forms import add_refusal

from .. import forms, permissions, selectors, services
from ..deadlines import clock_for
from ..models import DocumentKind, OutcomeStage, Status
from ..outcomes import rules as outcome_rules
from ..outcomes.selectors import outcome_view
from ..outcomes.services import outcome_report_save
from ..permissions import ROLES
from ..receipt import receipt_pdf
from .applying import _max_size, _save_uploads
from .common import _allowed, _files, _post, _run


@ROLES.required("read")
def receipt(request, pk):
    """The receipt PDF of a submitted application."""
    application = selectors.application_for(user=request.user, pk=pk)
    if not application.reference_code:
        raise Http404
    return bytes_download(
        receipt_pdf(application), filename=f"{application.reference_code}.pdf", content_type="application/pdf"
    )


# --- Everyone who may see an application ------------------------------------------------------------
@ROLES.required("read")
def detail(request, pk):
    """The application: summary, timeline, documents and the actions the user may take."""
    application = selectors.application_for(user=request.user, pk=pk)
    user = request.user
    if application.status == Status.DRAFT:
        return redirect("applications:task_list", pk=application.pk)
    internal = permissions.can_see_internal(user)
    checklist = None
    if internal:
        items = application.checklist.all()
        checklist = forms.ChecklistForm(items=items) if items else None
    state = clock_for(application)
    today = clock.today()
    context = {
        "application": application,
        "clock": state,
        "late": state.is_late(today),
        "days_left": max(state.days_left(today), 0),
        "outcomes": outcome_view(application),
        "outcome_can": {
            stage: permissions.can_report_outcome(user, application, stage) for stage in OutcomeStage.values
        },
        "events": selectors.timeline_for(user=user, application=application),
        "documents": application.documents.select_related("required_document"),
        "disbursements": application.disbursements.select_related("recorded_by"),
        "internal": internal,
        "checklist": checklist,
        "can": {
            "withdraw": permissions.can_withdraw(user, application),
            "resubmit": permissions.can_resubmit(user, application),
            "start": permissions.can_start_implementation(user, application),
            "completion": permissions.can_submit_completion(user, application),
            "start_review": permissions.can_start_review(user, application),
            "review": permissions.can_review(user, application),
            "assign": permissions.can_assign_reviewer(user, application),
            "return": permissions.can_return_for_supplement(user, application),
            "reject": permissions.can_reject(user, application),
            "comment": permissions.can_comment(user, application),
            "budget": permissions.can_decide_budget(user, application),
            "decide": permissions.can_decide_support(user, application),
            "judge": permissions.can_judge_completion(user, application),
            "disburse": permissions.can_disburse(user, application),
        },
    }
    if internal:
        context["assign_form"] = forms.AssignForm(
            reviewers=selectors.reviewers_for(application), initial={"reviewer": application.reviewer_id}
        )
        context["comment_form"] = forms.CommentVisibilityForm(auto_id="note_%s")  # ids unique on the page
        context["estimate"] = application.estimate or selectors.estimate_for(application=application)
        if context["can"]["review"]:
            proposal = services.proposal_for(application)
            context["proposal"] = proposal
            context["recommend_form"] = forms.RecommendForm(
                initial={"amount": proposal.amount if proposal else None}, auto_id="recommend_%s"
            )
    return render(request, "applications/detail.html", context)


@ROLES.required("read")
def timeline(request, pk):
    """The timeline alone for an HTMX refresh; opened directly, a page of its own."""
    application = selectors.application_for(user=request.user, pk=pk)
    fragment = request.headers.get("HX-Request") == "true"
    return render(
        request,
        "applications/includes/timeline.html" if fragment else "applications/timeline.html",
        {
            "application": application,
            "events": selectors.timeline_for(user=request.user, application=application),
            "internal": permissions.can_see_internal(request.user),
        },
    )


@ROLES.required("read")
def document_download(request, pk, document_pk):
    """Serve an uploaded file to someone who may see its application (never from a public URL)."""
    application = selectors.application_for(user=request.user, pk=pk)
    document = get_object_or_404(application.documents, pk=document_pk)
    return stream_file(document.file, filename=document.original_name, content_type=document.content_type)


@ROLES.required("apply")
@require_POST
def document_delete(request, pk, document_pk):
    application = selectors.application_for(user=request.user, pk=pk)
    document = get_object_or_404(application.documents, pk=document_pk)
    if _run(request, None, lambda: services.application_remove_document(document=document, actor=request.user)):
        messages.success(request, _("The document “%(name)s” was removed.") % {"name": document.original_name})
    target = {
        DocumentKind.APPLICATION: "applications:step_documents",
        DocumentKind.SUPPLEMENT: "applications:supplement",
        DocumentKind.COMPLETION: "applications:completion",
    }[document.kind]
    return redirect(target, pk=application.pk)


# --- Outcome figures ------------------------------------------------------------------------------
def _default_year(application, stage) -> int:
    today = clock.today()
    if stage == OutcomeStage.BASELINE:
        return (application.submitted_at.year if application.submitted_at else today.year) - 1
    if stage == OutcomeStage.FOLLOW_UP and application.accepted_on:
        return min(application.accepted_on.year + 1, today.year)
    return today.year


@ROLES.required("outcome")
def outcome(request, pk, stage):
    """The figures of one outcome stage: the enterprise's own, or staff's from documents."""
    application = selectors.application_for(user=request.user, pk=pk)
    if stage not in OutcomeStage.values:
        raise Http404
    if not permissions.can_report_outcome(request.user, application, stage):
        raise PermissionDenied
    report = application.outcome_reports.filter(stage=stage).first()
    standards = application.scheme.item.standards.all()
    options = {
        "standards": standards if stage != OutcomeStage.BASELINE and standards.exists() else None,
        "staff": permissions.is_reviewer_role(request.user),
        "ask_confirmation": request.method == "POST" and "asked" in request.POST,
    }
    initial = {"year": _default_year(application, stage)}
    if report is not None:
        initial = {name: getattr(report, name) for name in forms.OutcomeForm.base_fields if hasattr(report, name)}
    form = forms.OutcomeForm(_post(request), initial=initial, **options)
    if request.method == "POST" and form.is_valid():
        try:
            outcome_report_save(
                application=application,
                stage=stage,
                actor=request.user,
                confirm_unusual=form.cleaned_data.get("confirm_unusual", False),
                **form.figures(),
            )
        except outcome_rules.UnusualFigures as error:
            form = forms.OutcomeForm(request.POST, initial=initial, **{**options, "ask_confirmation": True})
            form.is_valid()
            add_refusal(form, error)
        except (ValidationError, PermissionDenied) as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("The figures were saved."))
            if application.status == Status.DRAFT:
                return redirect("applications:task_list", pk=application.pk)
            if stage == OutcomeStage.COMPLETION and permissions.can_submit_completion(request.user, application):
                return redirect("applications:completion", pk=application.pk)
            return redirect("applications:detail", pk=application.pk)
    return render(
        request,
        "applications/outcome_form.html",
        {
            "application": application,
            "form": form,
            "stage_label": OutcomeStage(stage).label,
            "stage": stage,
            "report": report,
            "asked": "confirm_unusual" in form.fields,
        },
        status=400 if form.errors else 200,
    )


def _documents_then_send(request, application, *, kind, form, send, sent_message, template, url_name):
    """An enterprise page that takes documents of ``kind`` (kept on every post) and, when the
    "send" button was pressed and ``form`` is valid, calls ``send(form)`` (a service)."""
    files = forms.ExtraDocumentsForm(_post(request), _files(request))
    if request.method == "POST" and files.is_valid():
        _save_uploads(request, application, files, [("file1", None), ("file2", None)], kind)
        if not files.errors and "send" in request.POST and form.is_valid():
            if _run(request, form, lambda: send(form)):
                messages.success(request, sent_message)
                return redirect("applications:detail", pk=application.pk)
        elif not files.errors and "send" not in request.POST:
            return redirect(url_name, pk=application.pk)
    return render(
        request,
        template,
        {
            "application": application,
            "files": files,
            "form": form,
            "max_size": _max_size(),
            "documents": application.documents.filter(kind=kind),
            "figures_given": application.outcome_reports.filter(stage=OutcomeStage.COMPLETION).exists(),
        },
    )


@ROLES.required("apply")
def supplement(request, pk):
    """Upload what was asked for and send the application back."""
    application = _allowed(request, pk, permissions.can_resubmit)
    return _documents_then_send(
        request,
        application,
        kind=DocumentKind.SUPPLEMENT,
        form=forms.SupplementResponseForm(_post(request)),
        send=lambda form: services.application_resubmit(
            application=application, actor=request.user, response=form.cleaned_data["response"]
        ),
        sent_message=_("Your supplement was sent."),
        template="applications/supplement.html",
        url_name="applications:supplement",
    )


@ROLES.required("apply")
def completion(request, pk):
    """Upload proof of results and send the completion report."""
    application = _allowed(request, pk, permissions.can_submit_completion)
    return _documents_then_send(
        request,
        application,
        kind=DocumentKind.COMPLETION,
        form=forms.CompletionForm(_post(request), initial={"report": application.completion_report}),
        send=lambda form: services.application_submit_completion(
            application=application, actor=request.user, report=form.cleaned_data["report"]
        ),
        sent_message=_("Your completion report was sent."),
        template="applications/completion.html",
        url_name="applications:completion",
    )
