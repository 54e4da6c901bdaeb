"""Demo data: each app registers a seeder; ``manage.py seed_demo`` runs them in order.

Seeders must be idempotent: a second run changes nothing.
"""

from collections.abc import Callable

_seeders: list[tuple[int, str, Callable[[], None]]] = []


def register_seeder(order: int, name: str, seeder: Callable[[], None]) -> None:
    if all(n != name for _, n, _ in _seeders):
        _seeders.append((order, name, seeder))


def seeders() -> list[tuple[int, str, Callable[[], None]]]:
    return sorted(_seeders, key=lambda s: s[0])
