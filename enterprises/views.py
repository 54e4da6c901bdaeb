from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import clock
from core.audit import audit_events_for
from core.downloads import bytes_download
from core.forms import add_refusal
from core.importing import import_commit_start, import_page_context, import_start
from core.jobs import job_or_404
from core.paging import cached_count, page_then_annotate
from core.workbook import XLSX_CONTENT_TYPE
from core.workflow import InvalidTransition

from . import selectors, services
from .exports import enterprise_export_start
from .filters import EnterpriseFilter
from .forms import DecisionForm, EnterpriseForm, ImportForm, JoinForm, RegisterForm
from .imports import EnterpriseImporter
from .models import Enterprise, Representative
from .permissions import ROLES, can_edit_enterprise, can_manage_enterprises
from .sections import enterprise_sections, support_flag_registered

PAGE_SIZE = 25


def _filtered(request):
    queryset = selectors.enterprise_list(user=request.user).order_by("name", "pk")
    return EnterpriseFilter(request.GET or None, queryset=queryset)


@ROLES.required("enterprise_list")
def enterprise_list(request):
    """Staff list: filters, diacritic-insensitive search, sort, pagination."""
    filterset = _filtered(request)
    filtered = filterset.is_bound and filterset.is_valid() and any(filterset.form.cleaned_data.values())
    queryset = filterset.qs if filtered else filterset.queryset
    # The unfiltered total is the costly part at scale: kept until a record changes.
    count = None if filtered else (lambda: cached_count(queryset))
    page = page_then_annotate(queryset, request.GET.get("page"), PAGE_SIZE, selectors.list_rows, count=count)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "enterprises/list.html",
        {
            "filter": filterset,
            "page": page,
            "query_string": query.urlencode(),
            "can_manage": can_manage_enterprises(request.user),
            "support_flag": support_flag_registered(),
        },
    )


@require_POST
@ROLES.required("enterprise_list")
def enterprise_export(request):
    """Queue the filtered list's workbook (built by a worker); the page that follows offers it."""
    query = QueryDict(request.POST.get("query", ""), mutable=True)
    query.pop("page", None)
    job = enterprise_export_start(user=request.user, query=query.urlencode())
    return redirect("accounts:export_job", pk=job.pk)


@ROLES.required("enterprise_list")
def unit_options(request):
    """The unit <option>s of a period, for the list filter (HTMX)."""
    filterset = EnterpriseFilter(request.GET, queryset=Enterprise.objects.none())
    return render(
        request,
        "enterprises/includes/unit_options.html",
        {"units": filterset.filters["unit"].queryset, "selected": request.GET.get("unit", "")},
    )


def _enterprise_or_404(request, pk) -> Enterprise:
    try:
        return selectors.enterprise_detail(user=request.user, pk=pk)
    except Enterprise.DoesNotExist:
        raise Http404 from None


@ROLES.required("enterprise_detail")
def enterprise_detail(request, pk):
    """The enterprise page: profile, representatives, sections of higher apps, history."""
    enterprise = _enterprise_or_404(request, pk)
    history = list(enterprise.history.select_related("history_user").order_by("-history_date", "-history_id")[:50])
    changes = []
    for newer, older in zip(history, [*history[1:], None], strict=True):
        fields = []
        if older is not None:
            delta = newer.diff_against(older, excluded_fields=["updated_at", "created_at"])
            fields = [_describe_change(c) for c in delta.changes]
        changes.append({"record": newer, "fields": fields})
    staff = can_manage_enterprises(request.user)
    return render(
        request,
        "enterprises/detail.html",
        {
            "enterprise": enterprise,
            "unit_lineage": selectors.unit_lineage(enterprise.unit, on=clock.today()),
            "representatives": selectors.representatives_of(enterprise) if request.user.is_internal or staff else None,
            "own_representation": enterprise.representatives.filter(user=request.user).first(),
            "sections": enterprise_sections(request, enterprise),
            "changes": changes,
            "events": audit_events_for(enterprise)[:20] if request.user.is_internal else [],
            "can_edit": can_edit_enterprise(request.user, enterprise),
            "can_manage": staff,
            "decision_form": DecisionForm(),
        },
    )


def _describe_change(change) -> str:
    """ "Employees: 20 → 25"; related records and long texts by their field name only."""
    field = Enterprise._meta.get_field(change.field)
    label = str(field.verbose_name)
    if field.is_relation or field.get_internal_type() == "TextField":
        return label
    if field.choices:
        choices = dict(field.choices)
        old, new = choices.get(change.old, change.old), choices.get(change.new, change.new)
    else:
        old, new = change.old, change.new
    return f"{label}: {'—' if old in (None, '') else old} → {'—' if new in (None, '') else new}"


@ROLES.required("enterprise_manage")
def enterprise_create(request):
    form = EnterpriseForm(request.POST or None, staff=True)
    if request.method == "POST" and form.is_valid():
        try:
            enterprise = services.enterprise_create(data=form.cleaned_data, actor=request.user)
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("The enterprise was recorded."))
            return redirect("enterprises:detail", pk=enterprise.pk)
    return render(request, "enterprises/form.html", {"form": form, "title": _("New enterprise")})


@ROLES.required("enterprise_edit")
def enterprise_edit(request, pk):
    enterprise = _enterprise_or_404(request, pk)
    if not can_edit_enterprise(request.user, enterprise):
        raise PermissionDenied
    staff = can_manage_enterprises(request.user)
    form = EnterpriseForm(request.POST or None, instance=enterprise, staff=staff)
    if request.method == "POST" and form.is_valid():
        old_tax_code = enterprise.tax_code
        try:
            services.enterprise_update(enterprise=enterprise, data=form.cleaned_data, actor=request.user)
        except ValidationError as error:
            add_refusal(form, error)
        else:
            if not staff and enterprise.tax_code != old_tax_code:
                messages.warning(
                    request,
                    _("The tax code changed, so the department will verify again that you represent the enterprise."),
                )
                return redirect("enterprises:mine")
            messages.success(request, _("The changes were saved."))
            return redirect("enterprises:detail", pk=enterprise.pk)
    return render(
        request, "enterprises/form.html", {"form": form, "title": _("Edit enterprise"), "enterprise": enterprise}
    )


# --- Representatives ------------------------------------------------------------------------
@ROLES.required("enterprise_mine")
def my_enterprises(request):
    """The representative's enterprises and requests, with links to register or join."""
    return render(request, "enterprises/mine.html", {"representations": selectors.representations_of(request.user)})


@ROLES.required("enterprise_mine")
def enterprise_register(request):
    form = RegisterForm(request.POST or None, submit_label=_("Register the enterprise"))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        position = data.pop("position", "")
        try:
            services.representative_register(user=request.user, data=data, position=position)
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(
                request, _("The enterprise was registered. The department will verify that you represent it.")
            )
            return redirect("enterprises:mine")
    return render(request, "enterprises/register.html", {"form": form})


@ROLES.required("enterprise_mine")
def enterprise_join(request):
    form = JoinForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            representative = services.representative_request_join(
                user=request.user, tax_code=form.cleaned_data["tax_code"], position=form.cleaned_data["position"]
            )
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(
                request,
                _("Your request to represent %(name)s was sent for verification.")
                % {"name": representative.enterprise.name},
            )
            return redirect("enterprises:mine")
    return render(request, "enterprises/join.html", {"form": form})


@ROLES.required("representative_decide")
def representatives_pending(request):
    """Staff queue of requests awaiting verification."""
    page = page_then_annotate(
        selectors.representatives_pending(user=request.user),
        request.GET.get("page"),
        PAGE_SIZE,
        selectors.pending_rows,
    )
    return render(request, "enterprises/representatives.html", {"page": page, "decision_form": DecisionForm()})


@require_POST
@ROLES.required("representative_decide")
def representative_decide(request, pk):
    representative = get_object_or_404(
        Representative.objects.select_related("enterprise", "user").filter(
            enterprise__in=selectors.enterprises_visible_to(user=request.user)
        ),
        pk=pk,
    )
    form = DecisionForm(request.POST)
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("enterprises:detail", args=[representative.enterprise_id])
    if not form.is_valid():
        messages.error(request, _("Choose verify or reject."))
        return redirect(next_url)
    try:
        if form.cleaned_data["decision"] == "verify":
            services.representative_verify(representative=representative, actor=request.user)
            messages.success(request, _("%(user)s is now a verified representative.") % {"user": representative.user})
        else:
            services.representative_reject(
                representative=representative, actor=request.user, reason=form.cleaned_data["reason"]
            )
            messages.success(request, _("The request of %(user)s was rejected.") % {"user": representative.user})
    except InvalidTransition:
        messages.error(request, _("This request has already been decided."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(next_url)


# --- Import -----------------------------------------------------------------------------------
@ROLES.required("enterprise_import")
def import_template(request):
    return bytes_download(
        EnterpriseImporter().template(), filename="mau-nhap-doanh-nghiep.xlsx", content_type=XLSX_CONTENT_TYPE
    )


@ROLES.required("enterprise_import")
def import_upload(request):
    """Upload → a background dry run (row by row what a commit would create, update or refuse);
    the page follows the job given by ``?job=`` until its report is ready."""
    job = job_or_404(user=request.user, pk=request.GET["job"]) if request.GET.get("job") else None
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = import_start(
                key="enterprises",
                owner=request.user,
                upload=form.cleaned_data["file"],
                options={"units_on": form.cleaned_data["units_on"].isoformat()},
            )
        except ValidationError as error:
            add_refusal(form, error, field="file")
        else:
            return redirect(f"{reverse('enterprises:import')}?job={job.pk}")
    return render(request, "enterprises/import.html", {"form": form, **import_page_context(job)})


@require_POST
@ROLES.required("enterprise_import")
def import_commit(request):
    """Apply the file of a dry run (kept privately in storage) in one transaction, in the background."""
    if not request.POST.get("job"):
        messages.error(request, _("Upload the file again: the dry run has expired."))
        return redirect("enterprises:import")
    dry_run = job_or_404(user=request.user, pk=request.POST["job"])
    try:
        job = import_commit_start(dry_run=dry_run, owner=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("enterprises:import")
    return redirect(f"{reverse('enterprises:import')}?job={job.pk}")
