"""Keeping ``ParticipantAgency`` with the enrolments saved one by one (bulk writers call
``link_participants_to_agencies`` themselves)."""

from django.db.models.signals import post_save

from .models import Enrolment, link_participant_to_agency


def _enrolment_saved(sender, instance, created, **kwargs):
    if created:
        link_participant_to_agency(participant_id=instance.participant_id, course_id=instance.course_id)


def connect() -> None:
    post_save.connect(_enrolment_saved, sender=Enrolment, dispatch_uid="training-participant-agency")
