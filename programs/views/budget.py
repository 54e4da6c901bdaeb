"""Budget estimates: the list per plan/year/source, staff proposals and finance decisions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.audit import audit_events_for
from core.forms import add_refusal
from core.querystring import parse_query
from core.workflow import InvalidTransition

from .. import forms
from ..agencies import scoped
from ..models import BudgetEstimate, FundingSource
from ..permissions import (
    ROLES,
    can_decide_budget,
    can_propose_budget,
)
from ..selectors.budget import budget_by_source
from ..selectors.plans import plans_visible_to
from ..services import estimate_appraise, estimate_approve, estimate_propose, estimate_return
from .common import chosen_plan, chosen_year


def _estimates(request):
    return scoped(BudgetEstimate.objects.select_related("plan", "source"), request.user, "plan__agency")


@ROLES.required("budget_view")
def budget_list(request):
    """Estimates of a plan by source and year: approved, reserved, disbursed, remaining."""
    plan = chosen_plan(request)
    if plan is None:
        return render(request, "programs/no_plan.html")
    year = chosen_year(request, plan)
    summary = budget_by_source(plan=plan, year_from=year, year_to=year)
    source = request.GET.get("source", "")
    rows = [r for r in summary.rows if not source or r.source.code == source]
    plans = plans_visible_to(user=request.user)
    form = (
        forms.EstimateProposeForm(initial={"plan": plan, "year": year}, plans=plans)
        if can_propose_budget(request.user)
        else None
    )
    return render(
        request,
        "programs/budget_list.html",
        {
            "plan": plan,
            "year": year,
            "summary": summary,
            "rows": rows,
            "source": source,
            "plans": plans.order_by("-start_year"),
            "sources": FundingSource.objects.all(),
            "form": form,
        },
    )


@ROLES.required("budget_propose")
def estimate_propose_view(request):
    """Propose an estimate; ``?plan=&year=&source=`` prefill it (the budget queue links here)."""
    prefill = parse_query(request, forms.EstimatePrefillQuery)
    initial = {key: value for key, value in prefill.items() if value is not None}
    form = forms.EstimateProposeForm(request.POST or None, initial=initial, plans=plans_visible_to(user=request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            estimate_propose(
                plan=data["plan"],
                year=data["year"],
                source=data["source"],
                amount=data["amount"],
                note=data["note"],
                actor=request.user,
            )
        except ValidationError as exc:
            add_refusal(form, exc)
        else:
            messages.success(request, _("The estimate was proposed."))
            return redirect(f"{reverse('programs:budget_list')}?plan={data['plan'].pk}&year={data['year']}")
    return render(
        request,
        "programs/form.html",
        {"form": form, "title": _("Propose an estimate"), "back_url": reverse("programs:budget_list")},
        status=400 if form.errors else 200,
    )


@ROLES.required("budget_view")
def estimate_detail(request, pk):
    estimate = get_object_or_404(_estimates(request), pk=pk)
    decider = can_decide_budget(request.user)
    return render(
        request,
        "programs/estimate_detail.html",
        {
            "estimate": estimate,
            "events": audit_events_for(estimate)[:50],
            "decider": decider,
            "amount_form": forms.AmountForm(initial={"amount": estimate.appraised_amount or estimate.proposed_amount}),
            "reason_form": forms.ReasonForm(),
        },
    )


@require_POST
@ROLES.required("budget_decide")
def estimate_decide(request, pk, action):
    """Appraise, approve or return an estimate (finance only)."""
    estimate = get_object_or_404(_estimates(request), pk=pk)
    try:
        if action == "return":
            form = forms.ReasonForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Give the reason for returning the estimate."))
            estimate_return(estimate=estimate, reason=form.cleaned_data["reason"], actor=request.user)
        else:
            form = forms.AmountForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Give the amount in whole đồng, not negative."))
            service = {"appraise": estimate_appraise, "approve": estimate_approve}.get(action)
            if service is None:
                raise Http404
            service(estimate=estimate, amount=form.cleaned_data["amount"], actor=request.user)
    except InvalidTransition:
        messages.error(request, _("This step is not possible in the estimate's current status."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except PermissionDenied:
        raise
    else:
        messages.success(request, _("Saved."))
    return redirect("programs:estimate_detail", pk=estimate.pk)
