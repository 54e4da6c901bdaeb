"""Staff: courses (list, create, edit, detail, status, sessions, certification)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import role_required
from core.forms import add_refusal
from core.paging import page_then_annotate
from core.querystring import parse_query

from .. import services
from ..forms import CourseForm, SessionForm, StatusForm
from ..models import (
    Course,
    CourseKind,
    CourseSession,
    CourseStatus,
)
from ..permissions import STAFF_ROLES
from ..selectors import (
    course_enrolments,
    course_with_counts,
    courses_for_staff,
    courses_visible_to,
    enrolment_rows,
    enrolments_visible_to,
    with_counts,
)
from .common import CourseQuery


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
            add_refusal(form, error)
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
            add_refusal(form, error)
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
            add_refusal(form, error)
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
