"""Workflows: one table-driven mixin for every model with a status.

A stateful model declares its table beside itself and mixes in ``Workflow``::

    class BudgetEstimate(Workflow, models.Model):
        TRANSITIONS = {EstimateStatus.PROPOSED: {EstimateStatus.APPRAISED, ...}, ...}
        STATUSES = EstimateStatus

Services move the status only through ``obj.transition_to(status, actor=..., reason=...)``: it
checks the table (a translated ``InvalidTransition`` otherwise), saves the status (and the other
``save_fields`` the service set), and writes one event (``record_transition``: the audit trail by default,
the application's own event log for applications). A service that must refuse early, before it
takes other locks or changes other fields, calls ``check_transition_to`` first. Sets of states such
as "may still be withdrawn" are derived from the table (``states_leading_to``), not written again.
"""

from collections.abc import Collection, Iterable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _


class InvalidTransition(ValidationError):
    """A status change that the workflow table does not allow (a ValidationError, so a view can
    show its message)."""

    def __init__(self, message, code="invalid_transition", params=None):
        super().__init__(message, code=code, params=params)


def states_leading_to(transitions: Mapping[str, Collection[str]], status: str) -> tuple[str, ...]:
    """The states from which ``transitions`` allow ``status``, in the table's order."""
    return tuple(source for source, targets in transitions.items() if status in targets)


def final_states(transitions: Mapping[str, Collection[str]]) -> tuple[str, ...]:
    """The states that the table lets go nowhere, in the table's order."""
    return tuple(source for source, targets in transitions.items() if not targets)


# Type checkers see the model the mixin is mixed into; at run time it is a plain class.
if TYPE_CHECKING:
    _Model = models.Model
else:
    _Model = object


class Workflow(_Model):
    """Mixin for a model whose ``status`` follows ``TRANSITIONS`` ({from: {to, ...}}); ``STATUSES``
    is its TextChoices class (for the labels of the messages)."""

    TRANSITIONS: ClassVar[Mapping[Any, Collection[Any]]]
    STATUSES: ClassVar[type[models.TextChoices]]
    status_field: ClassVar[str] = "status"
    # The audit action of a move when the service gives none: "<audit_prefix>.<new status>".
    audit_prefix: ClassVar[str] = ""

    @property
    def current_status(self) -> str:
        return getattr(self, self.status_field)

    def can_transition_to(self, status: str) -> bool:
        return status in self.TRANSITIONS.get(self.current_status, ())

    def check_transition_to(self, status: str) -> None:
        """Raise a translated InvalidTransition unless the table allows ``status`` from here."""
        if not self.can_transition_to(status):
            raise InvalidTransition(
                _("This %(object)s is “%(current)s”; it cannot become “%(new)s”.")
                % {
                    "object": self._meta.verbose_name,
                    "current": self.status_label(self.current_status),
                    "new": self.status_label(status),
                }
            )

    @classmethod
    def status_label(cls, status: str) -> str:
        try:
            return str(cls.STATUSES(status).label)
        except ValueError:
            return status

    @classmethod
    def states_leading_to(cls, status: str) -> tuple[str, ...]:
        """The states from which the table allows ``status`` (e.g. "withdrawable")."""
        return states_leading_to(cls.TRANSITIONS, status)

    def transition_to(
        self,
        status: str,
        *,
        actor,
        reason: str = "",
        action: str = "",
        save_fields: Iterable[str] | None = (),
        save: bool = True,
        **data: Any,
    ):
        """Check the table, move to ``status``, save it (with ``save_fields``; ``None``: the whole row)
        and write one event about the move; returns the event. Services only."""
        self.check_transition_to(status)
        previous = self.current_status
        setattr(self, self.status_field, status)
        self.on_transition(previous, status)
        if save and (save_fields is None or self.pk is None):
            self.save()
        elif save and save_fields is not None:
            self.save(update_fields=[self.status_field, *self.transition_fields(), *save_fields])
        return self.record_transition(
            actor=actor, previous=previous, status=status, reason=reason, action=action, **data
        )

    @classmethod
    def bulk_transition_to(
        cls, objects: Iterable["Workflow"], status: str, *, actor, reason: str = "", action: str = "", **data: Any
    ) -> list:
        """Move each of ``objects`` to ``status`` (each checked against the table) with one UPDATE per
        field set and one INSERT of their audit events; returns the objects moved. For moves of
        many rows at once (attendance of a whole session); the events are the audit trail's."""
        from core.audit import audit_event, audit_record_many

        moved, events = [], []
        for obj in objects:
            obj.check_transition_to(status)
            previous = obj.current_status
            setattr(obj, cls.status_field, status)
            obj.on_transition(previous, status)
            moved.append(obj)
            events.append(
                audit_event(
                    actor=actor,
                    action=action or f"{cls.audit_prefix}.{status}",
                    obj=obj,
                    reason=reason,
                    from_status=previous,
                    to_status=status,
                    **data,
                )
            )
        if moved:
            cls._default_manager.bulk_update(moved, [cls.status_field, *moved[0].transition_fields()])
            audit_record_many(events)
        return moved

    def on_transition(self, previous: str, status: str) -> None:
        """Hook: fields that change with every move (e.g. when the status last changed)."""

    def transition_fields(self) -> tuple[str, ...]:
        """The fields ``on_transition`` sets, saved with the status."""
        return ()

    def record_transition(self, *, actor, previous: str, status: str, reason: str, action: str, **data):
        """The one event of a move: an audit record by default."""
        from core.audit import audit_record

        return audit_record(
            actor=actor,
            action=action or f"{self.audit_prefix}.{status}",
            obj=self,
            reason=reason,
            from_status=previous,
            to_status=status,
            **data,
        )
