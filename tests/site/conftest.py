"""The demo, seeded once for the module, and the pages each demo role reaches (``tests.site_pages``)."""

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings

from nangsuat.celery import app as celery_app
from tests.site_pages import crawl_demo_roles


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker, tmp_path_factory):
    """role -> Crawl over the seeded demo; the data is rolled back when the module ends."""
    media = tmp_path_factory.mktemp("media")
    storages = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": media, "base_url": "/_private/"},
        },
    }
    celery_app.conf.task_always_eager = True
    with (
        django_db_blocker.unblock(),
        override_settings(
            MEDIA_ROOT=media, STORAGES=storages, PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]
        ),
    ):
        with transaction.atomic():
            with override_settings(DEBUG=True):
                call_command("seed_demo", verbosity=0)
            yield crawl_demo_roles()
            transaction.set_rollback(True)
