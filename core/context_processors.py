from .navigation import nav_entries_for


def navigation(request):
    user = getattr(request, "user", None)
    return {"nav_entries": nav_entries_for(user) if user is not None else []}
