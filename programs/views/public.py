"""Public pages: the programme (objectives, targets, task groups) and the news."""

from django.shortcuts import get_object_or_404, render

from ..selectors.plans import plan_structure, public_plans, published_news
from .common import chosen_plan


def public_programme(request):
    """The plan's objectives with their targets and its task groups with tasks."""
    plans = public_plans()
    plan = chosen_plan(request, plans)
    if plan is None:
        return render(request, "programs/no_plan.html")
    others = plans.exclude(pk=plan.pk).order_by("-start_year", "title")
    return render(request, "programs/public_programme.html", {"plan": plan, "others": others, **plan_structure(plan)})


def news_list(request):
    from django.core.paginator import Paginator

    page = Paginator(published_news(), 10).get_page(request.GET.get("page"))
    return render(request, "programs/news_list.html", {"page": page})


def news_detail(request, slug):
    return render(request, "programs/news_detail.html", {"post": get_object_or_404(published_news(), slug=slug)})
