from django.conf import settings

from .navigation import nav_for


def navigation(request):
    user = getattr(request, "user", None)
    return {
        "nav_items": nav_for(user) if user is not None else [],
        "programme_name": settings.PROGRAMME_NAME if hasattr(settings, "PROGRAMME_NAME") else None,
    }
