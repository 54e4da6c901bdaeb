"""Extension points of the plan's life cycle for higher apps (registered in ``AppConfig.ready()``).

- ``register_close_check(fn)``: ``fn(plan) -> list[str]`` — what still stops the plan from closing
  (reports: "the five-year summary is not finalised"). Empty: nothing.
- ``register_plan_copier(fn)``: ``fn(*, source, target, tasks, actor)`` — copies what an app keeps
  under a plan into the draft of the next plan (applications: the support schemes); ``tasks`` maps
  each task id of ``source`` to its copy in ``target``.
"""

from collections.abc import Callable

_close_checks: list[Callable] = []
_copiers: list[Callable] = []


def register_close_check(fn: Callable) -> None:
    if fn not in _close_checks:
        _close_checks.append(fn)


def close_problems(plan) -> list[str]:
    """Every reason the registered checks give against closing ``plan``."""
    return [problem for fn in _close_checks for problem in fn(plan)]


def register_plan_copier(fn: Callable) -> None:
    if fn not in _copiers:
        _copiers.append(fn)


def plan_copiers() -> list[Callable]:
    return list(_copiers)
