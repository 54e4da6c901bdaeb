"""Registration (representatives and staff): register, my enrolments, cancel, the certificate."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import role_required
from core import clock
from core.downloads import bytes_download
from core.forms import add_refusal
from enterprises.selectors import verified_enterprises_for

from .. import services
from ..certificates import certificate_pdf
from ..forms import CancelForm, RegistrationForm
from ..models import (
    Course,
    Enrolment,
    EnrolmentStatus,
)
from ..permissions import REGISTRANT_ROLES, ROLES, is_training_staff
from ..selectors import courses_visible_to, enrolments_visible_to


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
            add_refusal(form, error)
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


@role_required(*ROLES["enrolment_mine"])
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
