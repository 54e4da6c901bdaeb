"""An application created past its draft (imports, generated and test data) links its enterprise
to the agency at once; a draft does when it is filed (``SupportApplication.on_transition``)."""

from django.db.models.signals import post_save

from .models import Status, SupportApplication


def _application_saved(sender, instance, created, **kwargs):
    if created and instance.status != Status.DRAFT:
        instance.link_to_agency()


def connect() -> None:
    post_save.connect(_application_saved, sender=SupportApplication, dispatch_uid="applications-agency-enterprise")
