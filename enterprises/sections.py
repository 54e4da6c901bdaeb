"""Extension points for higher apps (programs.applications, training, reports).

``enterprises`` never imports them: they register here in their ``AppConfig.ready()``.

- ``register_enterprise_section(template, context_fn, order=100)``: a block on the enterprise
  detail page. ``context_fn(request, enterprise) -> dict`` (return None to hide the block); the
  template receives it as ``section``, plus ``enterprise``.
- ``register_support_flag(fn)``: ``fn(queryset) -> queryset`` narrowing enterprises to those that
  received support; powers the "has received support" filter of the staff list. With several
  registrations an enterprise counts when any of them says so.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class EnterpriseSection:
    template: str
    context: Callable
    order: int = 100


_sections: list[EnterpriseSection] = []
_support_flags: list[Callable] = []


def register_enterprise_section(template: str, context_fn: Callable, order: int = 100) -> None:
    """Add a block to the enterprise page (idempotent per template)."""
    if all(s.template != template for s in _sections):
        _sections.append(EnterpriseSection(template, context_fn, order))


def enterprise_sections(request, enterprise) -> list[tuple[str, dict]]:
    """(template, context) of every registered block, in order; blocks returning None are hidden."""
    blocks = []
    for section in sorted(_sections, key=lambda s: s.order):
        context = section.context(request, enterprise)
        if context is not None:
            blocks.append((section.template, context))
    return blocks


def register_support_flag(fn: Callable) -> None:
    """Register ``fn(queryset) -> queryset of enterprises that received support``."""
    if fn not in _support_flags:
        _support_flags.append(fn)


def support_flag_registered() -> bool:
    return bool(_support_flags)


def filter_supported(queryset, supported: bool):
    """Enterprises that received support (or, with ``supported=False``, those that did not)."""
    from django.db.models import Q

    if not _support_flags:
        return queryset.none() if supported else queryset
    condition = Q()
    for fn in _support_flags:
        condition |= Q(pk__in=fn(queryset.model.objects.all()).values("pk"))
    return queryset.filter(condition) if supported else queryset.exclude(condition)
