from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Role
from accounts.permissions import role_required
from core import clock
from core.downloads import bytes_download
from core.importing import import_commit_start, import_page_context, import_start
from core.jobs import job_or_404
from core.paging import page_then_annotate
from core.querystring import parse_query, text_field, year_field
from enterprises.selectors import verified_enterprises_for

from . import services
from .certificates import certificate_pdf
from .forms import CancelForm, CourseForm, ImportForm, RegistrationForm, SessionForm, StatusForm, VerifyForm
from .importing import ParticipantImporter
from .models import (
    Course,
    CourseKind,
    CourseSession,
    CourseStatus,
    Enrolment,
    EnrolmentStatus,
)
from .permissions import FIGURE_ROLES, STAFF_ROLES, is_training_staff
from .selectors import (
    attendance_page,
    calendar_courses,
    course_enrolments,
    course_with_counts,
    courses_for_staff,
    courses_visible_to,
    enrolment_by_code,
    enrolment_rows,
    enrolments_visible_to,
    participant_counts,
    participants_search,
    participants_visible_to,
    person_times_table,
    public_course,
    with_counts,
)

REGISTRANT_ROLES = (Role.ENTERPRISE, *STAFF_ROLES)


class SearchQuery(forms.Form):
    q = text_field()


class CourseQuery(SearchQuery):
    year = year_field()
    kind = text_field(50)
    status = text_field(20)


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


# --- Public ---------------------------------------------------------------------------------------
def calendar(request):
    """The public training calendar: open courses, soonest first."""
    page = Paginator(calendar_courses(), 20).get_page(request.GET.get("page"))
    return render(request, "training/calendar.html", {"page": page})


def course_public(request, pk: int):
    """A course as the public sees it, with a register button for those who may register."""
    try:
        course = public_course(pk)
    except Course.DoesNotExist:
        raise Http404 from None
    user = request.user
    may_register = user.is_authenticated and (
        is_training_staff(user)
        or (
            user.has_role(Role.ENTERPRISE)
            and course.registration_is_open_on(clock.today())
            and verified_enterprises_for(user).exists()
        )
    )
    return render(
        request,
        "training/course_public.html",
        {
            "course": course,
            "sessions": list(course.sessions.all()),
            "may_register": may_register,
        },
    )


def verify(request):
    """Look a certificate up by its verification code."""
    form = VerifyForm(request.GET or None)
    if form.is_valid():
        return redirect("training:verify_code", code=services.normalise_code(form.cleaned_data["code"]))
    return render(request, "training/verify.html", {"form": form})


def verify_code(request, code: str):
    """The public answer for one code: the holder's name, the course, the date — nothing else."""
    enrolment = enrolment_by_code(services.normalise_code(code))
    return render(
        request,
        "training/verify.html",
        {"form": VerifyForm(initial={"code": code}), "enrolment": enrolment, "looked_up": True},
        status=200 if enrolment else 404,
    )


# --- Registration (representatives and staff) -------------------------------------------------------
@role_required(*REGISTRANT_ROLES)
def register(request, pk: int):
    """Register one person for a course (a representative: for their enterprise)."""
    staff = is_training_staff(request.user)
    # Staff register people for their agencies' courses; representatives for any open course.
    courses = courses_visible_to(request.user) if staff else Course.objects.all()
    course = get_object_or_404(courses.select_related("kind"), pk=pk)
    enterprises = verified_enterprises_for(request.user)
    if not staff and not enterprises.exists():
        raise PermissionDenied
    if not staff and not course.registration_is_open_on(clock.today()):
        raise Http404
    form = RegistrationForm(request.POST or None, enterprises=enterprises, staff=staff)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person = services.PersonData(
            full_name=data["full_name"],
            email=data["email"],
            phone=data["phone"],
            gender=data["gender"],
            birth_year=data["birth_year"],
            position=data["position"],
            organisation=data.get("organisation") or "",
        )
        try:
            enrolment = services.enrolment_register(
                course=course, person=person, actor=request.user, enterprise=form.chosen_enterprise
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            if enrolment.status == EnrolmentStatus.WAITLISTED:
                messages.warning(
                    request,
                    _("The course is full: %(name)s is on the waiting list.")
                    % {"name": enrolment.participant.full_name},
                )
            else:
                messages.success(request, _("%(name)s is registered.") % {"name": enrolment.participant.full_name})
            if staff:
                return redirect("training:course_detail", pk=course.pk)
            return redirect("training:enrolment_detail", pk=enrolment.pk)
    return render(request, "training/register.html", {"course": course, "form": form})


@role_required(Role.ENTERPRISE)
def my_enrolments(request):
    """A representative's registrations (their enterprises' people only)."""
    enrolments = enrolments_visible_to(request.user).order_by("-course__start_date", "pk")
    page = Paginator(enrolments, 25).get_page(request.GET.get("page"))
    return render(request, "training/my_enrolments.html", {"page": page})


def _visible_enrolment(request, pk: int) -> Enrolment:
    return get_object_or_404(enrolments_visible_to(request.user), pk=pk)


@role_required(*REGISTRANT_ROLES)
def enrolment_detail(request, pk: int):
    enrolment = _visible_enrolment(request, pk)
    return render(
        request,
        "training/enrolment_detail.html",
        {
            "enrolment": enrolment,
            "can_cancel": services.can_cancel_enrolment(request.user, enrolment),
            "form": CancelForm(),
        },
    )


@require_POST
@role_required(*REGISTRANT_ROLES)
def enrolment_cancel(request, pk: int):
    enrolment = _visible_enrolment(request, pk)
    form = CancelForm(request.POST)
    if form.is_valid():
        try:
            services.enrolment_cancel(enrolment=enrolment, actor=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The registration is cancelled."))
    return redirect("training:enrolment_detail", pk=enrolment.pk)


@role_required(*REGISTRANT_ROLES)
def enrolment_certificate(request, pk: int):
    """The PDF certificate of a certified enrolment (its enterprise's representatives and staff)."""
    enrolment = _visible_enrolment(request, pk)
    if enrolment.status != EnrolmentStatus.CERTIFIED:
        raise Http404
    return bytes_download(
        certificate_pdf(enrolment),
        filename=f"chung-nhan-{enrolment.pk}.pdf",
        content_type="application/pdf",
        inline=True,
    )


# --- Staff: courses -----------------------------------------------------------------------------------
def _course(request, pk: int, *related) -> Course:
    """One of the user's agencies' courses (another agency's is a 404)."""
    courses = courses_visible_to(request.user)
    return get_object_or_404(courses.select_related(*related) if related else courses, pk=pk)


def _sessions(request):
    return CourseSession.objects.filter(course__in=courses_visible_to(request.user))


@role_required(*STAFF_ROLES)
def course_list(request):
    query = parse_query(request, CourseQuery)
    year, kind, status, q = query["year"], query["kind"] or "", query["status"] or "", (query["q"] or "").strip()
    courses = courses_for_staff(user=request.user, year=year, kind=kind, status=status, q=q)
    page = page_then_annotate(courses, request.GET.get("page"), 25, with_counts)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "training/course_list.html",
        {
            "page": page,
            "kinds": CourseKind.objects.all(),
            "statuses": CourseStatus.choices,
            "year": year or "",
            "kind": kind,
            "status": status,
            "q": q,
            "query_string": query.urlencode(),
        },
    )


@role_required(*STAFF_ROLES)
def course_create(request):
    form = CourseForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            course = services.course_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The course is created."))
            return redirect("training:course_detail", pk=course.pk)
    return render(request, "training/course_form.html", {"form": form})


@role_required(*STAFF_ROLES)
def course_edit(request, pk: int):
    course = _course(request, pk)
    form = CourseForm(request.POST or None, instance=course, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.course_update(course=course, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The course is saved."))
            return redirect("training:course_detail", pk=course.pk)
    return render(request, "training/course_form.html", {"form": form, "course": course})


@role_required(*STAFF_ROLES)
def course_detail(request, pk: int):
    """A course for staff: its sessions, enrolments, attendance counts and status actions."""
    try:
        course = course_with_counts(pk, user=request.user)
    except Course.DoesNotExist:
        raise Http404 from None
    return render(
        request,
        "training/course_detail.html",
        {
            "course": course,
            "sessions": list(course.sessions.all()),
            "page": (
                page := page_then_annotate(course_enrolments(course), request.GET.get("page"), 50, enrolment_rows)
            ),
            "enrolments": page.object_list,
            "next_statuses": [
                (s, CourseStatus(s).label) for s in sorted(Course.TRANSITIONS[CourseStatus(course.status)])
            ],
        },
    )


@require_POST
@role_required(*STAFF_ROLES)
def course_status(request, pk: int):
    course = _course(request, pk)
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            services.course_transition(
                course=course,
                status=form.cleaned_data["status"],
                actor=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The course status is changed."))
    return redirect("training:course_detail", pk=course.pk)


@role_required(*STAFF_ROLES)
def session_add(request, pk: int):
    course = _course(request, pk)
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.session_add(course=course, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The session is added."))
            return redirect("training:course_detail", pk=course.pk)
    return render(request, "training/session_form.html", {"form": form, "course": course})


@require_POST
@role_required(*STAFF_ROLES)
def course_certify(request, pk: int):
    course = _course(request, pk)
    try:
        count = services.course_certify_attended(course=course, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(count)d certificates issued.") % {"count": count})
    return redirect("training:course_detail", pk=course.pk)


@require_POST
@role_required(*STAFF_ROLES)
def enrolment_certify(request, pk: int):
    enrolment = get_object_or_404(enrolments_visible_to(request.user), pk=pk)
    try:
        services.enrolment_certify(enrolment=enrolment, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The certificate is issued."))
    return redirect("training:course_detail", pk=enrolment.course_id)


# --- Staff: attendance --------------------------------------------------------------------------------
@role_required(*STAFF_ROLES)
def attendance_sheet(request, pk: int):
    """The attendance sheet of one session, 50 participants a page: mark all, or each one present or absent."""
    session = get_object_or_404(_sessions(request).select_related("course", "course__kind"), pk=pk)
    page = attendance_page(session, request.GET.get("page"))
    return render(
        request,
        "training/attendance_sheet.html",
        {
            "session": session,
            "course": session.course,
            "page": page,
            "rows": page.rows,
            "present_count": page.present_count,
        },
    )


@require_POST
@role_required(*STAFF_ROLES)
def attendance_mark(request, pk: int, enrolment_pk: int):
    """Mark one participant (HTMX: returns the updated row)."""
    session = get_object_or_404(_sessions(request).select_related("course"), pk=pk)
    enrolment = get_object_or_404(
        Enrolment.objects.select_related("participant", "enterprise"), pk=enrolment_pk, course=session.course
    )
    present = request.POST.get("present") == "1"
    try:
        services.attendance_set(session=session, enrolment=enrolment, present=present, actor=request.user)
    except ValidationError as error:
        if request.htmx:
            return HttpResponse(" ".join(error.messages), status=400)
        messages.error(request, " ".join(error.messages))
        return redirect("training:attendance_sheet", pk=session.pk)
    if request.htmx:
        return render(
            request,
            "training/_attendance_row.html",
            {"session": session, "row": {"enrolment": enrolment, "present": present}},
        )
    return redirect("training:attendance_sheet", pk=session.pk)


@require_POST
@role_required(*STAFF_ROLES)
def attendance_mark_all(request, pk: int):
    session = get_object_or_404(_sessions(request), pk=pk)
    try:
        count = services.attendance_mark_all(session=session, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(count)d participants marked present.") % {"count": count})
    return redirect("training:attendance_sheet", pk=session.pk)


# --- Staff: participants; figures ---------------------------------------------------------------------
@role_required(*STAFF_ROLES)
def participant_list(request):
    """The people in the user's agencies' courses; counts are read for the page's 50 rows only."""
    q = (parse_query(request, SearchQuery)["q"] or "").strip()
    participants = participants_search(participants_visible_to(request.user), q).order_by("full_name", "pk")
    page = page_then_annotate(participants, request.GET.get("page"), 50, participant_counts)
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
            form.add_error("file", error)
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
