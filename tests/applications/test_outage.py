"""Redis goes away: every page that queues work still answers at once, and once Redis is back the
queued e-mails are sent once and the queued report is built, with nobody doing anything.

A real worker with beat (OUTBOX_INTERVAL=1) on a throwaway redis-server that the test stops and
starts again; the requests run in this process against the same PostgreSQL test database."""

import email
import email.policy
import time
import uuid

import pytest
from django.urls import reverse

from core import outbox
from core.models import AuditEvent, OutboxMessage
from enterprises.models import Representative, RepresentativeStatus
from nangsuat.celery import app as celery_app
from programs.applications import services
from reports.models import ReportRun, ReportStatus
from tests.conftest import spawn_worker, stop_process
from tests.training.factories import CourseFactory

from .conftest import make_draft
from .factories import EnterpriseFactory, RepresentativeFactory

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def wait_until(condition, *, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"{what}: not within {timeout} s")


def sent_messages(mail_dir) -> list[tuple[str, str]]:
    """(recipients, subject) of every message the worker's file backend wrote."""
    found = []
    for path in sorted(mail_dir.glob("*")):
        for chunk in path.read_bytes().split(b"-" * 79):
            if chunk.strip():
                message = email.message_from_bytes(chunk.strip(), policy=email.policy.default)
                found.append((str(message["To"]), str(message["Subject"])))
    return found


@pytest.fixture
def worker_on_throwaway_redis(throwaway_redis, tmp_path, settings):
    queue = f"outage-{uuid.uuid4().hex[:8]}"
    mail_dir = tmp_path / "mail"
    proc = spawn_worker(
        queue=queue,
        beat_schedule=tmp_path / "beat-schedule",
        env_extra={
            "REDIS_URL": throwaway_redis.url,
            "OUTBOX_INTERVAL": "1",
            "MAIL_DIR": str(mail_dir),
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        },
    )
    previous = celery_app.conf.broker_url
    celery_app.conf.broker_url = throwaway_redis.url
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_default_queue = queue
    try:
        yield mail_dir
    finally:
        stop_process(proc)
        celery_app.conf.broker_url = previous
        celery_app.conf.task_default_queue = "celery"


def test_with_redis_stopped_every_action_answers_at_once_and_nothing_is_lost(
    world, client_for, make_user, throwaway_redis, worker_on_throwaway_redis
):
    mail_dir = worker_on_throwaway_redis
    app = make_draft(world)
    services.application_submit(application=app, actor=world.rep)
    course = CourseFactory()
    joiner = RepresentativeFactory(enterprise=EnterpriseFactory(), status=RepresentativeStatus.PENDING)
    plan = world.estimate.plan
    # The worker and its beat deliver what was promised before the outage.
    wait_until(
        lambda: not OutboxMessage.objects.filter(delivered_at__isnull=True).exists(),
        timeout=60,
        what="the worker delivering the outbox before the outage",
    )
    before = len(sent_messages(mail_dir))

    throwaway_redis.stop()
    rep, staff = client_for(world.rep), client_for(world.staff)
    actions = {
        "training registration": lambda: rep.post(
            reverse("training:register", args=[course.pk]),
            {"full_name": "Trần Thị Học", "email": "hocvien@test.vn", "enterprise": world.enterprise.pk},
        ),
        "assign reviewer": lambda: staff.post(
            reverse("applications:assign", args=[app.pk]), {"reviewer": world.staff.pk}
        ),
        "start review": lambda: staff.post(reverse("applications:start_review", args=[app.pk])),
        "report request": lambda: staff.post(reverse("reports:create"), {"plan": plan.pk, "kind": "five_year"}),
        "representative verified": lambda: staff.post(
            reverse("enterprises:representative_decide", args=[joiner.pk]), {"decision": "verify"}
        ),
    }
    durations = {}
    for name, action in actions.items():
        outbox._nudge_paused_until = 0.0  # every request tries the broker, none may wait for it
        started = time.monotonic()
        response = action()
        durations[name] = time.monotonic() - started
        assert response.status_code == 302, (name, response.status_code)
        assert durations[name] < 2.0, (name, durations[name])

    # Everything was recorded and promised; nothing could be sent.
    app.refresh_from_db()
    assert app.status == "under_review"
    assert app.reviewer_id == world.staff.pk
    assert Representative.objects.get(pk=joiner.pk).status == RepresentativeStatus.VERIFIED
    run = ReportRun.objects.get(plan=plan)
    assert run.status == ReportStatus.QUEUED
    pending = OutboxMessage.objects.filter(delivered_at__isnull=True)
    assert pending.filter(kind="task", task_name="reports.build_report", payload__run_id=run.pk).count() == 1
    assert pending.filter(kind="email").count() == 4  # registration, assigned, under review, verified
    time.sleep(2)
    assert len(sent_messages(mail_dir)) == before

    throwaway_redis.start()  # no manual step from here on
    wait_until(
        lambda: (
            not OutboxMessage.objects.filter(delivered_at__isnull=True).exists()
            and ReportRun.objects.get(pk=run.pk).status == ReportStatus.SUCCEEDED
        ),
        timeout=120,
        what="the outbox delivered and the report built after Redis came back",
    )
    time.sleep(3)  # a few more beat runs: still nothing sent twice
    sent = sent_messages(mail_dir)[before:]
    received = sorted((tuple(sorted(to.split(", "))), subject) for to, subject in sent)
    assert [to for to, _subject in received] == sorted(
        [
            ("hocvien@test.vn", world.rep.email),  # the registration, to the person and to who registered them
            (world.staff.email,),  # "assigned to you"
            (world.rep.email,),  # "under review"
            (joiner.user.email,),  # "you are a verified representative"
        ]
    ), sent
    assert any("đăng ký tham gia đào tạo" in subject for _to, subject in received)
    assert OutboxMessage.objects.filter(attempts__gt=1).count() == 0
    run.refresh_from_db()
    assert run.attempts == 1
    assert AuditEvent.objects.filter(action="reports.succeeded", object_id=str(run.pk)).count() == 1
    assert run.has_files
