"""The internal queues (work, budget, decisions, disbursements) and the public status lookup."""

from django.core.cache import cache
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _

from core import clock
from core.paging import page_then_annotate
from core.ratelimit import client_address
from programs.applications.permissions import ROLES
from programs.permissions import can_propose_budget

from .. import forms, selectors
from ..filters import WorkQueueFilter
from .common import _post

LOOKUPS_PER_MINUTE = 10


# --- Queues -----------------------------------------------------------------------------------------
@ROLES.required("queue")
def work_queue(request):
    """The work queue with filters (state, plan, year, scheme, unit, sector, assignee, days waiting,
    due date): staff work from it; leaders, finance and admins read it, e.g. from the dashboard's
    pipeline (every count there links to its filtered list here)."""
    data = request.GET.copy()
    data.setdefault("status", WorkQueueFilter.OPEN)
    filterset = WorkQueueFilter(data, queryset=selectors.work_queue(user=request.user), user=request.user)
    page = page_then_annotate(filterset.qs, request.GET.get("page"), 50, selectors.queue_rows)
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


@ROLES.required("budget_decide")
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


@ROLES.required("support_decide")
def decision_queue(request):
    page = Paginator(selectors.decision_queue(user=request.user), 50).get_page(request.GET.get("page"))
    return render(request, "applications/decision_queue.html", {"page": page})


@ROLES.required("disburse")
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
