"""Thin views: permission → form → one service → ValidationError back onto the form → redirect."""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Role
from accounts.permissions import role_required
from core import clock
from core.downloads import bytes_download
from core.files import stream_file
from core.querystring import parse_query
from core.ratelimit import client_address
from programs.models import PlanStatus
from programs.permissions import can_propose_budget

from . import forms, permissions, selectors, services
from .deadlines import clock_for
from .filters import WorkQueueFilter
from .models import DocumentKind, OutcomeStage, Status, SupportScheme
from .outcomes import rules as outcome_rules
from .outcomes.selectors import outcome_view
from .outcomes.services import outcome_report_save
from .receipt import receipt_pdf

ENTERPRISE = (Role.ENTERPRISE,)
INTERNAL = (Role.STAFF, Role.FINANCE, Role.LEADER, Role.ADMIN)
EVERYONE = (*ENTERPRISE, *INTERNAL)
LOOKUPS_PER_MINUTE = 10


def _post(request):
    """The POST data of a POST (even an empty one, so the form is bound), else None."""
    return request.POST if request.method == "POST" else None


def _files(request):
    return request.FILES if request.method == "POST" else None


def _errors(error: ValidationError | PermissionDenied) -> list[str]:
    if isinstance(error, PermissionDenied):
        return [str(error) or _("You may not do this to this application.")]
    return list(error.messages)


def _run(request, form, call) -> bool:
    """Call the service; put a refusal onto the form (or into messages). True on success."""
    try:
        call()
    except (ValidationError, PermissionDenied) as error:
        for message in _errors(error):
            if form is not None:
                form.add_error(None, message)
            else:
                messages.error(request, message)
        return False
    return True


# --- Enterprise: applying ------------------------------------------------------------------------
@role_required(*ENTERPRISE)
def my_applications(request):
    """The enterprise's applications, newest first."""
    representation = selectors.representation_for(request.user)
    applications = selectors.applications_visible_to(user=request.user).order_by("-created_at", "-pk")
    page = Paginator(applications, 25).get_page(request.GET.get("page"))
    return render(
        request, "applications/mine.html", {"page": page, "representation": representation, "today": clock.today()}
    )


def _scheme_form(request, enterprise, **kwargs):
    """The scheme choice: the open schemes of the agencies serving the enterprise's place offered;
    any scheme of a plan not in draft accepted, so that one which takes no application from it is
    refused with its reason."""
    return forms.SchemeForm(
        _post(request),
        schemes=selectors.schemes_for(enterprise, selectors.open_schemes(day=clock.today())),
        accepted=SupportScheme.objects.exclude(plan__status=PlanStatus.DRAFT).select_related("item", "plan__agency"),
        **kwargs,
    )


@role_required(*ENTERPRISE)
def start(request):
    """Choose a scheme and start a draft; schemes that take no application yet say why and when."""
    representation = selectors.representation_for(request.user)
    today = clock.today()
    chosen, refusal = None, None
    pk = parse_query(request, forms.StartQuery)["scheme"]
    if pk is not None:
        chosen = (
            SupportScheme.objects.exclude(plan__status=PlanStatus.DRAFT)
            .select_related("plan", "item")
            .filter(pk=pk)
            .first()
        )
    enterprise = representation.enterprise if representation else None
    if chosen is not None:
        refusal = selectors.scheme_refusal(chosen, day=today, enterprise=enterprise)
    form = _scheme_form(request, enterprise, initial={"scheme": chosen.pk} if chosen and not refusal else None)
    if request.method == "POST" and form.is_valid():
        holder = {}
        if _run(
            request,
            form,
            lambda: holder.update(
                app=services.application_create_draft(scheme=form.cleaned_data["scheme"], actor=request.user)
            ),
        ):
            return redirect("applications:task_list", pk=holder["app"].pk)
    upcoming = [
        (s, selectors.scheme_refusal(s, day=today))
        for s in selectors.schemes_for(enterprise, selectors.schemes_upcoming(day=today))[:20]
    ]
    return render(
        request,
        "applications/start.html",
        {
            "form": form,
            "representation": representation,
            "has_open": form.offered.exists(),
            "upcoming": upcoming,
            "chosen": chosen,
            "refusal": refusal,
        },
        status=400 if form.errors else 200,
    )


def _draft(request, pk):
    application = selectors.application_for(user=request.user, pk=pk)
    if not permissions.can_edit_draft(request.user, application):
        if application.status != Status.DRAFT:
            raise Http404
        raise PermissionDenied
    return application


def _sections(application, documents_done: bool):
    """(key, label, done, url) of each section of the draft's task list."""
    pk = application.pk
    baseline_done = application.outcome_reports.filter(stage=OutcomeStage.BASELINE).exists()
    return [
        ("scheme", _("Support scheme"), True, reverse("applications:step_scheme", args=[pk])),
        (
            "project",
            _("Project and costs"),
            bool(application.project_title and application.eligible_cost),
            reverse("applications:step_project", args=[pk]),
        ),
        (
            "baseline",
            _("The enterprise's figures for the last full year"),
            baseline_done,
            reverse("applications:outcome", args=[pk, OutcomeStage.BASELINE]),
        ),
        ("documents", _("Documents"), documents_done, reverse("applications:step_documents", args=[pk])),
        (
            "declaration",
            _("Declaration"),
            application.declaration_accepted,
            reverse("applications:step_declaration", args=[pk]),
        ),
    ]


def _policy(application):
    return application.policy_version or selectors.policy_in_force(scheme_id=application.scheme_id, day=clock.today())


def _required_documents(application):
    policy = _policy(application)
    return list(policy.required_documents.all()) if policy else []


def _documents_done(application, required) -> bool:
    present = {d.required_document_id for d in application.documents.all()}
    return all(r.pk in present for r in required if r.is_mandatory)


@role_required(*ENTERPRISE)
def task_list(request, pk):
    """The GOV.UK task list of a draft."""
    application = _draft(request, pk)
    required = _required_documents(application)
    sections = _sections(application, _documents_done(application, required))
    return render(
        request,
        "applications/task_list.html",
        {
            "application": application,
            "sections": sections,
            "complete": all(done for _key, _label, done, _url in sections),
            "verified": permissions.can_submit(request.user, application),
        },
    )


@role_required(*ENTERPRISE)
def step_scheme(request, pk):
    application = _draft(request, pk)
    form = _scheme_form(request, application.enterprise, initial={"scheme": application.scheme_id})
    if request.method == "POST" and form.is_valid():
        if _run(
            request,
            form,
            lambda: services.application_update_draft(
                application=application, actor=request.user, scheme=form.cleaned_data["scheme"]
            ),
        ):
            return redirect("applications:task_list", pk=application.pk)
    return render(
        request,
        "applications/step.html",
        {"application": application, "form": form, "title": _("Support scheme"), "step": "scheme"},
    )


@role_required(*ENTERPRISE)
def step_project(request, pk):
    application = _draft(request, pk)
    form = forms.ProjectForm(
        _post(request), instance=None, initial={f: getattr(application, f) for f in forms.ProjectForm.Meta.fields}
    )
    if request.method == "POST" and form.is_valid():
        fields = {f: form.cleaned_data[f] for f in forms.ProjectForm.Meta.fields}
        if _run(
            request,
            form,
            lambda: services.application_update_draft(application=application, actor=request.user, **fields),
        ):
            return redirect("applications:task_list", pk=application.pk)
    policy = _policy(application)
    return render(
        request,
        "applications/step.html",
        {
            "application": application,
            "form": form,
            "title": _("Project and costs"),
            "step": "project",
            "policy": policy,
        },
    )


def _save_uploads(request, application, form, items, kind) -> int:
    """Save each valid file; a refused one puts its message on its own field and the others stay."""
    saved = 0
    for field_name, required_document in items:
        uploaded = form.cleaned_data.get(field_name)
        if not uploaded:
            continue
        try:
            services.application_add_document(
                application=application,
                actor=request.user,
                uploaded=uploaded,
                required_document=required_document,
                kind=kind,
            )
            saved += 1
        except (ValidationError, PermissionDenied) as error:
            for message in _errors(error):
                form.add_error(field_name, message)
    return saved


@role_required(*ENTERPRISE)
def step_documents(request, pk):
    application = _draft(request, pk)
    required = _required_documents(application)
    form = forms.DocumentsForm(_post(request), _files(request), required_documents=required)
    if request.method == "POST" and form.is_valid():
        items = [(f"doc_{r.pk}", r) for r in required] + [("other", None)]
        saved = _save_uploads(request, application, form, items, DocumentKind.APPLICATION)
        if not form.errors:
            if saved:
                messages.success(request, _("The documents were saved."))
            if "continue" in request.POST:
                return redirect("applications:task_list", pk=application.pk)
            return redirect("applications:step_documents", pk=application.pk)
    documents = application.documents.filter(kind=DocumentKind.APPLICATION).select_related("required_document")
    return render(
        request,
        "applications/step_documents.html",
        {
            "application": application,
            "form": form,
            "documents": documents,
            "required": required,
            "max_size": _max_size(),
        },
        status=400 if form.errors else 200,
    )


def _max_size():
    return filesizeformat(settings.MAX_UPLOAD_SIZE)


@role_required(*ENTERPRISE)
def step_declaration(request, pk):
    application = _draft(request, pk)
    form = forms.DeclarationForm(_post(request), initial={"declaration_accepted": application.declaration_accepted})
    if request.method == "POST" and form.is_valid():
        if _run(
            request,
            form,
            lambda: services.application_update_draft(
                application=application, actor=request.user, declaration_accepted=True
            ),
        ):
            return redirect("applications:check", pk=application.pk)
    return render(
        request,
        "applications/step.html",
        {"application": application, "form": form, "title": _("Declaration"), "step": "declaration"},
    )


@role_required(*ENTERPRISE)
def check_answers(request, pk):
    """Check your answers, then submit."""
    application = _draft(request, pk)
    errors = []
    if request.method == "POST":
        try:
            services.application_submit(application=application, actor=request.user)
        except (ValidationError, PermissionDenied) as error:
            errors = _errors(error)
        else:
            return redirect("applications:confirmation", pk=application.pk)
    return render(
        request,
        "applications/check.html",
        {
            "application": application,
            "errors": errors,
            "problems": services.submission_problems(application),
            "proposal": services.proposal_for(application),
            "policy": _policy(application),
            "documents": application.documents.select_related("required_document"),
            "verified": permissions.can_submit(request.user, application),
        },
        status=400 if errors else 200,
    )


@role_required(*ENTERPRISE)
def confirmation(request, pk):
    application = selectors.application_for(user=request.user, pk=pk)
    if not application.reference_code:
        raise Http404
    return render(request, "applications/confirmation.html", {"application": application})


@role_required(*EVERYONE)
def receipt(request, pk):
    """The receipt PDF of a submitted application."""
    application = selectors.application_for(user=request.user, pk=pk)
    if not application.reference_code:
        raise Http404
    return bytes_download(
        receipt_pdf(application), filename=f"{application.reference_code}.pdf", content_type="application/pdf"
    )


# --- Everyone who may see an application ------------------------------------------------------------
@role_required(*EVERYONE)
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


@role_required(*EVERYONE)
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
        },
    )


@role_required(*EVERYONE)
def document_download(request, pk, document_pk):
    """Serve an uploaded file to someone who may see its application (never from a public URL)."""
    application = selectors.application_for(user=request.user, pk=pk)
    document = get_object_or_404(application.documents, pk=document_pk)
    return stream_file(document.file, filename=document.original_name, content_type=document.content_type)


@role_required(*ENTERPRISE)
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


@role_required(Role.ENTERPRISE, Role.STAFF)
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
            _add_field_errors(form, error)
        except (ValidationError, PermissionDenied) as error:
            _add_field_errors(form, error)
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


def _add_field_errors(form, error) -> None:
    """A service's refusal onto the form: by field where the form has it, else at the top."""
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        for name, messages_ in error.message_dict.items():
            form.add_error(name if name in form.fields else None, messages_)
    else:
        for message in _errors(error):
            form.add_error(None, message)


# --- Enterprise after submission --------------------------------------------------------------------
def _allowed(request, pk, check):
    application = selectors.application_for(user=request.user, pk=pk)
    if not check(request.user, application):
        raise PermissionDenied
    return application


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


@role_required(*ENTERPRISE)
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


@role_required(*ENTERPRISE)
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


def action_view(
    *, roles, check, form_class, title, call, success, template="applications/action.html", form_kwargs=None
):
    """A page with one form that runs one service on the application, then back to its page."""

    @role_required(*roles)
    def view(request, pk):
        application = _allowed(request, pk, check)
        kwargs = form_kwargs(application) if form_kwargs else {}
        form = form_class(_post(request), **kwargs) if form_class else None
        if request.method == "POST" and (form is None or form.is_valid()):
            data = form.cleaned_data if form else {}
            if _run(request, form, lambda: call(application=application, actor=request.user, **data)):
                messages.success(request, success)
                return redirect("applications:detail", pk=application.pk)
            if form is None:
                return redirect("applications:detail", pk=application.pk)
        return render(request, template, {"application": application, "form": form, "title": title})

    return view


def _comment(call):
    @wraps(call)
    def wrapper(*, application, actor, comment="", **kwargs):
        return call(application=application, actor=actor, comment=comment, **kwargs)

    return wrapper


withdraw = action_view(
    roles=ENTERPRISE,
    check=permissions.can_withdraw,
    form_class=forms.ReasonForm,
    title=_("Withdraw the application"),
    call=lambda *, application, actor, reason: services.application_withdraw(
        application=application, actor=actor, reason=reason
    ),
    success=_("The application was withdrawn."),
)
start_implementation = action_view(
    roles=ENTERPRISE,
    check=permissions.can_start_implementation,
    form_class=None,
    title=_("Start the implementation"),
    call=services.application_start_implementation,
    success=_("The implementation has started."),
)
# --- Staff ------------------------------------------------------------------------------------------
start_review = action_view(
    roles=(Role.STAFF,),
    check=permissions.can_start_review,
    form_class=None,
    title=_("Start the review"),
    call=services.application_start_review,
    success=_("You are reviewing the application."),
)
assign = action_view(
    roles=(Role.STAFF,),
    check=permissions.can_assign_reviewer,
    form_class=forms.AssignForm,
    title=_("Assign a reviewer"),
    call=services.application_assign_reviewer,
    success=_("The reviewer was assigned."),
    form_kwargs=lambda application: {"reviewers": selectors.reviewers_for(application)},
)
comment = action_view(
    roles=(Role.STAFF,),
    check=permissions.can_comment,
    form_class=forms.CommentVisibilityForm,
    title=_("Add a comment"),
    call=services.application_comment,
    success=_("The comment was added."),
)
return_for_supplement = action_view(
    roles=(Role.STAFF,),
    check=permissions.can_return_for_supplement,
    form_class=forms.ReturnForm,
    title=_("Ask for a supplement"),
    call=services.application_return_for_supplement,
    success=_("The enterprise was asked to supplement its application."),
)
recommend = action_view(
    roles=(Role.STAFF,),
    check=permissions.can_review,
    form_class=forms.RecommendForm,
    title=_("Recommend support"),
    call=_comment(services.application_recommend),
    success=_("The application was recommended for support."),
)
reject = action_view(
    roles=(Role.STAFF, Role.LEADER),
    check=permissions.can_reject,
    form_class=forms.ReasonForm,
    title=_("Refuse the application"),
    call=services.application_reject,
    success=_("The application was refused."),
)
accept = action_view(
    roles=(Role.STAFF,),
    check=permissions.can_judge_completion,
    form_class=forms.CommentForm,
    title=_("Accept the results"),
    call=services.application_accept,
    success=_("The results were accepted."),
)
return_completion = action_view(
    roles=(Role.STAFF,),
    check=permissions.can_judge_completion,
    form_class=forms.ReasonForm,
    title=_("Return the completion report"),
    call=lambda *, application, actor, reason: services.application_return_completion(
        application=application, actor=actor, reason=reason
    ),
    success=_("The completion report was returned to the enterprise."),
)
# --- Finance and leadership -----------------------------------------------------------------------
approve_budget = action_view(
    roles=(Role.FINANCE,),
    check=permissions.can_decide_budget,
    form_class=forms.CommentForm,
    title=_("Approve the budget"),
    call=services.application_approve_budget,
    success=_("The budget was approved and the amount reserved."),
)
reject_budget = action_view(
    roles=(Role.FINANCE,),
    check=permissions.can_decide_budget,
    form_class=forms.ReasonForm,
    title=_("Refuse the budget"),
    call=services.application_reject_budget,
    success=_("The budget was refused."),
)
decide = action_view(
    roles=(Role.LEADER,),
    check=permissions.can_decide_support,
    form_class=forms.DecisionForm,
    title=_("Approve support"),
    call=services.application_approve,
    success=_("The support decision was recorded."),
    template="applications/decide.html",
)
disburse = action_view(
    roles=(Role.FINANCE,),
    check=permissions.can_disburse,
    form_class=forms.DisbursementForm,
    title=_("Record a payment"),
    call=lambda *, application, actor, **data: services.application_disburse(
        application=application, actor=actor, **data
    ),
    success=_("The payment was recorded."),
    template="applications/disburse.html",
)


@role_required(Role.STAFF)
@require_POST
def save_checklist(request, pk):
    """Record the reviewer's findings on the checklist."""
    application = _allowed(request, pk, permissions.can_review)
    form = forms.ChecklistForm(request.POST, items=application.checklist.all())
    if form.is_valid() and _run(
        request,
        None,
        lambda: services.application_record_checklist(
            application=application, actor=request.user, results=form.results()
        ),
    ):
        messages.success(request, _("The checklist was saved."))
    return redirect(reverse("applications:detail", args=[application.pk]) + "#review")


# --- Queues -----------------------------------------------------------------------------------------
@role_required(Role.STAFF)
def work_queue(request):
    """The staff work queue with filters (state, scheme, unit, sector, assignee, days waiting)."""
    data = request.GET.copy()
    data.setdefault("status", WorkQueueFilter.OPEN)
    filterset = WorkQueueFilter(data, queryset=selectors.work_queue(user=request.user), user=request.user)
    page = Paginator(filterset.qs, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "applications/queue.html",
        {
            "filter": filterset,
            "page": page,
            "query_string": query.urlencode(),
            "now": clock.now(),
            "today": clock.today(),
            "by_due": filterset.form.cleaned_data.get("sort") == WorkQueueFilter.BY_DUE
            if filterset.form.is_valid()
            else False,
        },
    )


@role_required(Role.FINANCE)
def budget_queue(request):
    """Recommended applications and what is left on the estimate each would draw on."""
    page = Paginator(selectors.budget_queue(user=request.user), 50).get_page(request.GET.get("page"))
    estimates = selectors.estimates_for_queue(page.object_list)
    rows = [(a, estimates.get((a.scheme.plan_id, a.year, a.scheme.funding_source_id))) for a in page.object_list]
    return render(
        request,
        "applications/budget_queue.html",
        {"page": page, "rows": rows, "can_propose": can_propose_budget(request.user)},
    )


@role_required(Role.LEADER)
def decision_queue(request):
    page = Paginator(selectors.decision_queue(user=request.user), 50).get_page(request.GET.get("page"))
    return render(request, "applications/decision_queue.html", {"page": page})


@role_required(Role.FINANCE)
def disbursement_queue(request):
    page = Paginator(selectors.disbursement_queue(user=request.user), 50).get_page(request.GET.get("page"))
    return render(request, "applications/disbursement_queue.html", {"page": page})


# --- Public -----------------------------------------------------------------------------------------
def lookup(request):
    """Public status lookup: reference code + tax code → status and last update only; rate-limited."""
    form = forms.LookupForm(_post(request))
    result = None
    searched = False
    if request.method == "POST":
        minute = int(clock.now().timestamp() // 60)
        key = f"applications:lookup:{client_address(request)}:{minute}"
        cache.add(key, 0, timeout=120)
        try:
            count = cache.incr(key)
        except ValueError:
            count = 1
        if count > LOOKUPS_PER_MINUTE:
            form.add_error(None, _("Too many lookups from your address. Please wait a minute and try again."))
            return render(request, "applications/lookup.html", {"form": form}, status=429)
        if form.is_valid():
            searched = True
            result = selectors.lookup_status(
                reference_code=form.cleaned_data["reference_code"], tax_code=form.cleaned_data["tax_code"]
            )
    return render(request, "applications/lookup.html", {"form": form, "result": result, "searched": searched})
