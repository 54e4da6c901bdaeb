"""Enterprise: applying (the task list, the steps, the check-your-answers page and the confirmation)."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from core import clock
from core.forms import add_refusal, refusal_messages
from core.numbers import file_size
from core.querystring import parse_query
from programs.models import PlanStatus

from .. import forms, permissions, selectors, services
from ..models import DocumentKind, OutcomeStage, Status, SupportScheme
from ..permissions import ROLES
from .common import _files, _post, _run


# --- Enterprise: applying ------------------------------------------------------------------------
@ROLES.required("apply")
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


@ROLES.required("apply")
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


@ROLES.required("apply")
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


@ROLES.required("apply")
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


@ROLES.required("apply")
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
            "terms": services.support_terms(application),
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
            add_refusal(form, error, field=field_name)
    return saved


@ROLES.required("apply")
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
    return file_size(settings.MAX_UPLOAD_SIZE)


@ROLES.required("apply")
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


@ROLES.required("apply")
def check_answers(request, pk):
    """Check your answers, then submit."""
    application = _draft(request, pk)
    errors = []
    if request.method == "POST":
        try:
            services.application_submit(application=application, actor=request.user)
        except (ValidationError, PermissionDenied) as error:
            errors = refusal_messages(error)
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


@ROLES.required("apply")
def confirmation(request, pk):
    application = selectors.application_for(user=request.user, pk=pk)
    if not application.reference_code:
        raise Http404
    return render(request, "applications/confirmation.html", {"application": application})
