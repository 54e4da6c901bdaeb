"""Reference data that staff keep in Django admin. Apps register their models (as
"app_label.model") in ``ready()``; after every migrate the staff group gets view/add/change
permissions on them."""

_reference_models: set[str] = set()


def register_reference_model(label: str) -> None:
    _reference_models.add(label.lower())


def grant_reference_permissions(sender=None, using="default", **kwargs) -> None:
    from django.contrib.auth.models import Group, Permission

    from .models import Role

    staff = Group.objects.using(using).filter(name=Role.STAFF).first()
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
