"""News posts about the programme (the plan's communication task)."""

from django.db import transaction

from accounts.models import User
from core import clock

from ..agencies import ensure_in_scope, home_agency
from ..models import NewsPost
from ..permissions import ROLES
from .common import save_audited


@transaction.atomic
def news_save(*, post: NewsPost, actor: User) -> NewsPost:
    """Create (for the actor's agency) or update a post of their agency (staff); publishing stamps
    ``published_at`` when unset; audited."""
    ROLES.check(actor, "plan_edit")
    if post.pk is None:
        post.author = actor
        if post.agency_id is None:
            post.agency = home_agency(actor)
    ensure_in_scope(actor, post.agency_id)
    if post.plan is not None:
        ensure_in_scope(actor, post.plan.agency_id)
    if post.is_published and post.published_at is None:
        post.published_at = clock.now()
    return save_audited(post, actor=actor, action="programs.news", published=post.is_published)
