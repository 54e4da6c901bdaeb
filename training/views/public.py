"""Public pages: the course calendar, a course, and the certificate check."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render

from accounts.models import Role
from core import clock
from enterprises.selectors import verified_enterprises_for

from ..certificates import normalise_code
from ..forms import VerifyForm
from ..models import Course
from ..permissions import is_training_staff
from ..selectors import calendar_courses, enrolment_by_code, public_course


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
        return redirect("training:verify_code", code=normalise_code(form.cleaned_data["code"]))
    return render(request, "training/verify.html", {"form": form})


def verify_code(request, code: str):
    """The public answer for one code: the holder's name, the course, the date — nothing else."""
    enrolment = enrolment_by_code(normalise_code(code))
    return render(
        request,
        "training/verify.html",
        {"form": VerifyForm(initial={"code": code}), "enrolment": enrolment, "looked_up": True},
        status=200 if enrolment else 404,
    )
