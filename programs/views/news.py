"""Staff pages for news posts."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from .. import forms
from ..models import NewsPost
from ..permissions import ROLES
from ..selectors.plans import news_visible_to, plans_visible_to
from ..services import news_save
from .common import save_form


@ROLES.required("plan_edit")
def news_manage(request):
    posts = news_visible_to(user=request.user)
    return render(
        request, "programs/news_manage.html", {"page": Paginator(posts, 25).get_page(request.GET.get("page"))}
    )


@ROLES.required("plan_edit")
def news_edit(request, pk=None):
    post = get_object_or_404(news_visible_to(user=request.user), pk=pk) if pk else NewsPost()
    form = forms.NewsPostForm(request.POST or None, instance=post, plans=plans_visible_to(user=request.user))
    return save_form(
        request,
        form,
        lambda f: news_save(post=f.save(commit=False), actor=request.user),
        success_url=reverse("programs:news_manage"),
        title=_("News post"),
        back_url=reverse("programs:news_manage"),
    )
