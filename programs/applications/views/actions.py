"""One form that runs one service on the application (review, budget, decision, disbursement)."""

from functools import wraps

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import role_required

from .. import forms, permissions, selectors, services
from ..permissions import ROLES
from .common import _allowed, _post, _run


def action_view(
    *,
    roles,
    check,
    form_class,
    title,
    call,
    success,
    template="applications/action.html",
    form_kwargs=None,
    context=None,
):
    """A page with one form that runs one service on the application, then back to its page
    (``context(application)`` adds what the page shows before the form)."""

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
        extra = context(application) if context else {}
        return render(request, template, {"application": application, "form": form, "title": title, **extra})

    return view


def _comment(call):
    @wraps(call)
    def wrapper(*, application, actor, comment="", **kwargs):
        return call(application=application, actor=actor, comment=comment, **kwargs)

    return wrapper


withdraw = action_view(
    roles=ROLES["apply"],
    check=permissions.can_withdraw,
    form_class=forms.ReasonForm,
    title=_("Withdraw the application"),
    call=lambda *, application, actor, reason: services.application_withdraw(
        application=application, actor=actor, reason=reason
    ),
    success=_("The application was withdrawn."),
)


start_implementation = action_view(
    roles=ROLES["apply"],
    check=permissions.can_start_implementation,
    form_class=None,
    title=_("Start the implementation"),
    call=services.application_start_implementation,
    success=_("The implementation has started."),
)


# --- Staff ------------------------------------------------------------------------------------------
start_review = action_view(
    roles=ROLES["review"],
    check=permissions.can_start_review,
    form_class=None,
    title=_("Start the review"),
    call=services.application_start_review,
    success=_("You are reviewing the application."),
)


assign = action_view(
    roles=ROLES["review"],
    check=permissions.can_assign_reviewer,
    form_class=forms.AssignForm,
    title=_("Assign a reviewer"),
    call=services.application_assign_reviewer,
    success=_("The reviewer was assigned."),
    form_kwargs=lambda application: {"reviewers": selectors.reviewers_for(application)},
)


comment = action_view(
    roles=ROLES["review"],
    check=permissions.can_comment,
    form_class=forms.CommentVisibilityForm,
    title=_("Add a comment"),
    call=services.application_comment,
    success=_("The comment was added."),
)


return_for_supplement = action_view(
    roles=ROLES["review"],
    check=permissions.can_return_for_supplement,
    form_class=forms.ReturnForm,
    title=_("Ask for a supplement"),
    call=services.application_return_for_supplement,
    success=_("The enterprise was asked to supplement its application."),
)


recommend = action_view(
    roles=ROLES["review"],
    check=permissions.can_review,
    form_class=forms.RecommendForm,
    title=_("Recommend support"),
    call=_comment(services.application_recommend),
    success=_("The application was recommended for support."),
)


reject = action_view(
    roles=ROLES["reject"],
    check=permissions.can_reject,
    form_class=forms.ReasonForm,
    title=_("Refuse the application"),
    call=services.application_reject,
    success=_("The application was refused."),
)


accept = action_view(
    roles=ROLES["review"],
    check=permissions.can_judge_completion,
    form_class=forms.CommentForm,
    title=_("Accept the results"),
    call=services.application_accept,
    success=_("The results were accepted."),
)


return_completion = action_view(
    roles=ROLES["review"],
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
    roles=ROLES["budget_decide"],
    check=permissions.can_decide_budget,
    form_class=forms.CommentForm,
    title=_("Approve the budget"),
    call=services.application_approve_budget,
    success=_("The budget was approved and the amount reserved."),
    template="applications/approve_budget.html",
    context=lambda application: {"position": selectors.budget_position(application)},
)


reject_budget = action_view(
    roles=ROLES["budget_decide"],
    check=permissions.can_decide_budget,
    form_class=forms.ReasonForm,
    title=_("Refuse the budget"),
    call=services.application_reject_budget,
    success=_("The budget was refused."),
)


decide = action_view(
    roles=ROLES["support_decide"],
    check=permissions.can_decide_support,
    form_class=forms.DecisionForm,
    title=_("Approve support"),
    call=services.application_approve,
    success=_("The support decision was recorded."),
    template="applications/decide.html",
)


disburse = action_view(
    roles=ROLES["disburse"],
    check=permissions.can_disburse,
    form_class=forms.DisbursementForm,
    title=_("Record a payment"),
    call=lambda *, application, actor, **data: services.application_disburse(
        application=application, actor=actor, **data
    ),
    success=_("The payment was recorded."),
    template="applications/disburse.html",
)


@ROLES.required("review")
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
