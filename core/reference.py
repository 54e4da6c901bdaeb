"""Reference data that staff keep in Django admin. Apps register their models (as
"app_label.model") in ``ready()``; after every migrate the staff group (accounts connects it) gets view/add/change
permissions on them."""

_reference_models: set[str] = set()


def register_reference_model(label: str) -> None:
    _reference_models.add(label.lower())


def grant_reference_permissions(*, group_name: str, using: str = "default") -> None:
    """Give the auth group ``group_name`` view/add/change permissions on the registered models."""
    from django.contrib.auth.models import Group, Permission

    staff = Group.objects.using(using).filter(name=group_name).first()
    if staff is None or not _reference_models:
        return
    wanted = []
    for label in _reference_models:
        app_label, model = label.split(".")
        wanted += [f"{verb}_{model}" for verb in ("view", "add", "change")]
    perms = Permission.objects.using(using).filter(
        content_type__app_label__in={m.split(".")[0] for m in _reference_models}, codename__in=wanted
    )
    staff.permissions.add(*perms)
