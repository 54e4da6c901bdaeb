"""Keeping the facts honest: every change to a record a measure counts marks the plans it counts
for as stale *in the same transaction* (``mark_stale``), and promises their refresh through the
outbox (``facts.refresh_plan``, delivered after commit). A plan that has never been built (no
``FactState`` yet: the nightly rebuild or ``manage.py rebuild_facts`` builds it) is left alone.

The plans a change concerns:
- an enrolment or a course → the course's plan (old and new when a course moves);
- an application or one of its events → the plan of the application's scheme;
- a partner report or figure → the report's plan;
- an enterprise (saved, or changed in bulk by the import: ``enterprises_bulk_changed``) → the
  plans of its applications and courses, and every plan that counts model enterprises;
- an indicator or a plan → that plan; a course kind, an agency area or a unit mapping → every plan
  (rare edits in the admin).
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save

from core import clock
from core.outbox import outbox_task

from .models import FactState


def mark_stale(plan_ids) -> list[int]:
    """Mark these plans' facts stale and promise a refresh for those that were fresh (a stale one
    has its refresh promised already; it waits for this transaction to commit)."""
    ids = sorted({pk for pk in plan_ids if pk})
    if not ids:
        return []
    with transaction.atomic():
        states = FactState.objects.select_for_update().filter(plan_id__in=ids).order_by("plan_id")
        fresh = [pk for pk, stale in states.values_list("plan_id", "stale") if not stale]
        FactState.objects.filter(plan_id__in=ids).update(stale=True, changed_at=clock.now())
        for pk in fresh:
            outbox_task("facts.refresh_plan", plan_id=pk)
    return fresh


def mark_all_stale() -> None:
    mark_stale(FactState.objects.values_list("plan_id", flat=True))


def _no_facts() -> bool:
    return not FactState.objects.exists()


def plans_of_enterprises(ids) -> set[int]:
    from programs.applications.models import SupportApplication
    from programs.models import Indicator
    from programs.own_measures import MODEL_ENTERPRISES
    from training.models import Enrolment

    plans = set(SupportApplication.objects.filter(enterprise_id__in=ids).values_list("scheme__plan_id", flat=True))
    plans |= set(Enrolment.objects.filter(enterprise_id__in=ids).values_list("course__plan_id", flat=True))
    plans |= set(Indicator.objects.filter(measure=MODEL_ENTERPRISES).values_list("objective__plan_id", flat=True))
    return plans


# --- signal handlers ------------------------------------------------------------------------------
def _keep_old(sender, instance, field: str):
    if instance.pk and not _no_facts():
        instance._facts_old = sender.objects.filter(pk=instance.pk).values_list(field, flat=True).first()


def _course_pre(sender, instance, **kwargs):
    _keep_old(sender, instance, "plan_id")


def _course_changed(sender, instance, **kwargs):
    if not _no_facts():
        mark_stale({instance.plan_id, getattr(instance, "_facts_old", None)})


def _enrolment_changed(sender, instance, **kwargs):
    from training.models import Course

    if not _no_facts():
        mark_stale(Course.objects.filter(pk=instance.course_id).values_list("plan_id", flat=True))


def _application_changed(sender, instance, **kwargs):
    from programs.applications.models import SupportScheme

    if not _no_facts():
        mark_stale(SupportScheme.objects.filter(pk=instance.scheme_id).values_list("plan_id", flat=True))


def _event_changed(sender, instance, **kwargs):
    from programs.applications.models import SupportApplication

    if not _no_facts():
        mark_stale(
            SupportApplication.objects.filter(pk=instance.application_id).values_list("scheme__plan_id", flat=True)
        )


def _partner_report_changed(sender, instance, **kwargs):
    if not _no_facts():
        mark_stale({instance.plan_id})


def _partner_figure_changed(sender, instance, **kwargs):
    from programs.models import PartnerReport

    if not _no_facts():
        mark_stale(PartnerReport.objects.filter(pk=instance.report_id).values_list("plan_id", flat=True))


def _enterprise_changed(sender, instance, **kwargs):
    if not _no_facts():
        mark_stale(plans_of_enterprises([instance.pk]))


def _enterprises_imported(sender, ids, **kwargs):
    if ids and not _no_facts():
        mark_stale(plans_of_enterprises(ids))


def _indicator_changed(sender, instance, **kwargs):
    from programs.models import Objective

    if not _no_facts():
        mark_stale(Objective.objects.filter(pk=instance.objective_id).values_list("plan_id", flat=True))


def _plan_changed(sender, instance, **kwargs):
    if not _no_facts():
        mark_stale({instance.pk})


def _everything_changed(sender, instance, **kwargs):
    if not _no_facts():
        mark_all_stale()


def connect() -> None:
    from enterprises.models import Enterprise, UnitMapping
    from enterprises.signals import enterprises_bulk_changed
    from programs.applications.models import ApplicationEvent, SupportApplication
    from programs.measures import register_change_listener
    from programs.models import AgencyArea, Indicator, PartnerFigure, PartnerReport, Plan
    from training.models import Course, CourseKind, Enrolment

    register_change_listener(lambda plan_ids: None if _no_facts() else mark_stale(plan_ids))
    enterprises_bulk_changed.connect(_enterprises_imported, dispatch_uid="facts-enterprises-imported")
    pre_save.connect(_course_pre, sender=Course, dispatch_uid="facts-course-pre")
    handlers = [
        (Course, _course_changed),
        (Enrolment, _enrolment_changed),
        (SupportApplication, _application_changed),
        (ApplicationEvent, _event_changed),
        (PartnerReport, _partner_report_changed),
        (PartnerFigure, _partner_figure_changed),
        (Enterprise, _enterprise_changed),
        (Indicator, _indicator_changed),
        (Plan, _plan_changed),
        (CourseKind, _everything_changed),
        (AgencyArea, _everything_changed),
        (UnitMapping, _everything_changed),
    ]
    for model, handler in handlers:
        uid = f"facts-{model._meta.label_lower}"
        post_save.connect(handler, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(handler, sender=model, dispatch_uid=f"{uid}-delete")
