"""Keeping ``ParticipantAgency`` and ``programs.AgencyEnterprise`` with the enrolments saved one by
one (bulk writers call ``link_participants_to_agencies`` and ``link_enterprises_to_agencies``)."""

from django.db.models.signals import post_save

from programs.models import link_enterprise_to_agency

from .models import Enrolment, link_participant_to_agency


def _enrolment_saved(sender, instance, created, **kwargs):
    if created:
        link_participant_to_agency(participant_id=instance.participant_id, course_id=instance.course_id)
    if instance.enterprise_id is not None and (created or "enterprise" in (kwargs.get("update_fields") or ())):
        link_enterprise_to_agency(enterprise_id=instance.enterprise_id, agency_id=instance.course.agency_id)


def connect() -> None:
    post_save.connect(_enrolment_saved, sender=Enrolment, dispatch_uid="training-participant-agency")
