"""The department behind the portal, for the page header (its name beside the emblem)."""

from django.conf import settings
from django.db.models import Q
from django.utils.functional import SimpleLazyObject

from core import clock

from .agencies import home_agency
from .models import Agency


def portal_agency(user) -> Agency | None:
    """An internal user's own agency; for everyone else the deployment's agency: the one whose code
    is ``PORTAL_AGENCY`` when set, else the first agency in operation today."""
    own = home_agency(user)
    if own is not None:
        return own
    agencies = Agency.objects.order_by("valid_from", "pk")
    if settings.PORTAL_AGENCY:
        chosen = agencies.filter(code=settings.PORTAL_AGENCY).first()
        if chosen is not None:
            return chosen
    today = clock.today()
    return agencies.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today)).first()


def agency_identity(request):
    user = getattr(request, "user", None)
    return {"portal_agency": SimpleLazyObject(lambda: portal_agency(user)) if user is not None else None}
