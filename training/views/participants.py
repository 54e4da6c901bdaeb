"""Staff: the participant list, person-times figures, and the participant import."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import role_required
from core.downloads import bytes_download
from core.forms import add_refusal
from core.importing import import_commit_start, import_page_context, import_start
from core.jobs import job_or_404
from core.paging import page_then_annotate
from core.querystring import parse_query

from ..forms import ImportForm
from ..importing import ParticipantImporter
from ..permissions import FIGURE_ROLES, STAFF_ROLES
from ..selectors import (
    participant_counts,
    participants_search,
    participants_visible_count,
    participants_visible_to,
    person_times_table,
)
from .common import XLSX, SearchQuery
from .courses import _course


# --- Staff: participants; figures ---------------------------------------------------------------------
@role_required(*STAFF_ROLES)
def participant_list(request):
    """The people in the user's agencies' courses; counts are read for the page's 50 rows only."""
    q = (parse_query(request, SearchQuery)["q"] or "").strip()
    participants = participants_search(participants_visible_to(request.user), q).order_by("full_name", "pk")
    # Without a search the total is read from the (person, agency) table alone.
    count = None if q else (lambda: participants_visible_count(request.user))
    page = page_then_annotate(participants, request.GET.get("page"), 50, participant_counts, count=count)
    return render(
        request, "training/participant_list.html", {"page": page, "q": q, "query_string": f"q={q}" if q else ""}
    )


@role_required(*FIGURE_ROLES)
def person_times(request):
    """Person-times (attended enrolments) per year and course kind: what the KPI engine counts."""
    return render(
        request,
        "training/person_times.html",
        {
            "table": person_times_table(user=request.user),
            "calendar_url": reverse("training:calendar"),
        },
    )


# --- Staff: import -----------------------------------------------------------------------------------------
@role_required(*STAFF_ROLES)
def import_template(request, pk: int):
    course = _course(request, pk)
    return bytes_download(
        ParticipantImporter(course=course).template(), filename="mau-danh-sach-hoc-vien.xlsx", content_type=XLSX
    )


@role_required(*STAFF_ROLES)
def import_upload(request, pk: int):
    """Upload → a background dry run: row by row what a commit would register, mark or refuse
    (writes nothing); the page follows the job given by ``?job=``."""
    course = _course(request, pk, "kind")
    job = job_or_404(user=request.user, pk=request.GET["job"]) if request.GET.get("job") else None
    if job is not None and job.params.get("options", {}).get("course") != course.pk:
        raise Http404
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = import_start(
                key="training.participants",
                owner=request.user,
                upload=form.cleaned_data["file"],
                options={"course": course.pk},
            )
        except ValidationError as error:
            add_refusal(form, error, field="file")
        else:
            return redirect(f"{reverse('training:import', args=[course.pk])}?job={job.pk}")
    return render(request, "training/import.html", {"course": course, "form": form, **import_page_context(job)})


@require_POST
@role_required(*STAFF_ROLES)
def import_commit(request, pk: int):
    """Apply the file of a dry run (kept privately in storage) in one transaction, in the background."""
    course = _course(request, pk)
    if not request.POST.get("job"):
        messages.error(request, _("Upload the file again: the dry run has expired."))
        return redirect("training:import", pk=course.pk)
    dry_run = job_or_404(user=request.user, pk=request.POST["job"])
    if dry_run.params.get("options", {}).get("course") != course.pk:
        raise Http404
    try:
        job = import_commit_start(dry_run=dry_run, owner=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("training:import", pk=course.pk)
    return redirect(f"{reverse('training:import', args=[course.pk])}?job={job.pk}")
