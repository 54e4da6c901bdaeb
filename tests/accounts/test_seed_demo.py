import pytest
from django.apps import apps
from django.core.management import call_command

from accounts.models import User


def _row_counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models() if model._meta.managed}


@pytest.mark.django_db
def test_seed_demo_is_idempotent_creates_the_demo_accounts_and_mails_nobody(settings, mailoutbox):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    first = _row_counts()
    call_command("seed_demo", verbosity=0)
    assert _row_counts() == first
    assert mailoutbox == []
    for email, role in {
        "admin@demo.vn": "admin",
        "staff@demo.vn": "staff",
        "finance@demo.vn": "finance",
        "leader@demo.vn": "leader",
        "partner@demo.vn": "partner",
        "enterprise@demo.vn": "enterprise",
    }.items():
        user = User.objects.get(email=email)
        assert user.check_password("demo12345")
        assert role in user.roles
    assert first["enterprises.Enterprise"] >= 250
