import pytest
from django.db import transaction

from core.mail import notify_by_email
from core.tasks import ping
from nangsuat.celery import app


def test_tasks_have_explicit_names_and_time_limits():
    import importlib
    import importlib.util

    from django.apps import apps

    for config in apps.get_app_configs():  # what autodiscovery imports in a worker
        if importlib.util.find_spec(f"{config.name}.tasks"):
            importlib.import_module(f"{config.name}.tasks")
    ours = {name: task for name, task in app.tasks.items() if not name.startswith("celery.")}
    assert {
        "core.deliver_outbox",
        "core.run_job",
        "core.ping",
        "reports.build_report",
        "reports.create_due_reports",
        "reports.requeue_stale",
    } <= set(ours)
    for name, task in ours.items():
        assert task.time_limit or app.conf.task_time_limit, name
        assert task.soft_time_limit or app.conf.task_soft_time_limit, name


def test_late_acknowledgement_and_redelivery_are_on():
    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert app.conf.worker_prefetch_multiplier == 1


@pytest.mark.django_db
def test_email_is_enqueued_only_after_commit(django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            notify_by_email(to=["a@test.vn"], subject="Thử", template="accounts/email/test.txt", context={"name": "Hà"})
            assert mailoutbox == []
    assert len(callbacks) == 1
    assert mailoutbox[0].to == ["a@test.vn"]
    assert "Hà" in mailoutbox[0].body


@pytest.mark.worker
def test_real_worker_round_trip_on_redis(celery_worker_process):
    result = ping.delay(value=41)
    assert result.get(timeout=30) == 42
