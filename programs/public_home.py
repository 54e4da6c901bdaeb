"""The headline figures of the public front page: one function, so that where they come from
(today the measures, recomputed from the records; tomorrow the yearly facts) can change alone."""

from __future__ import annotations


def headline_figures(plan) -> list[dict]:
    """Each indicator of ``plan`` with what was achieved over the plan's years so far, its target
    and the share of the target reached: plain values, cheap to cache."""
    from .selectors import plan_kpis

    return [
        {
            "code": r.code,
            "name": r.name,
            "unit": r.unit,
            "actual": r.period_actual,
            "target": r.target,
            "percent": r.percent_of_target,
            "status": r.status,
        }
        for r in plan_kpis(plan=plan)
    ]
