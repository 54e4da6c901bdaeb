"""Cached blocks of the public front page and figures of the dashboards, dropped when the data
under them changes.

The front page is the portal's most visited page and its blocks (the plan in force, its headline
figures, the news, the next courses) are the same for every visitor, so each block's context is
built once and kept in the cache under a *generation*: a token that changes (after commit) when a
record of a watched app is saved or deleted, which makes every cached block stale at once. Bulk
writes that send no signals call ``public_sections_changed()`` themselves (the facts rebuild, the
scale generator); ``TIMEOUT`` bounds what anything else could leave stale.

    register_public_section(HomeSection("x.html", cached_section("x", build_context), order=30))

``cached_value(key, build, version=...)`` keeps any other computed value the same way, with an
extra ``version`` of the caller's (the dashboards pass the plan's facts version).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save
from django.utils import translation

from . import clock

GENERATION_KEY = "public-sections:generation"
TIMEOUT = 10 * 60
WATCHED_APPS = frozenset({"enterprises", "programs", "applications", "training", "reports"})


def _generation() -> str:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = uuid.uuid4().hex
        cache.set(GENERATION_KEY, generation, None)
    return generation


def cached_value[T](key: str, build: Callable[[], T], *, version: str = "") -> T:
    """``build()``, kept in the cache per language, day, generation and ``version``."""
    day = clock.today().isoformat()  # "the next courses" move on at midnight
    cache_key = f"public-sections:{key}:{translation.get_language()}:{day}:{_generation()}:{version}"
    value = cache.get(cache_key)
    if value is None:
        value = build()
        cache.set(cache_key, value, TIMEOUT)
    return value


def cached_section(key: str, build: Callable[[], dict]) -> Callable:
    """A section context function that reads ``build()`` (no request: the block is the same for
    everyone) from the cache, per language and generation."""

    def context(request) -> dict:
        return cached_value(key, build)

    context.cache_key = key  # type: ignore[attr-defined]  # read by the tests and the refresh
    return context


def _bump() -> None:
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def public_sections_changed() -> None:
    """Make every cached block stale once the current transaction commits (once per transaction)."""
    # Django keeps (savepoint ids, callback, robust) per on_commit callback.
    pending = [entry[1] for entry in connection.run_on_commit]
    if connection.in_atomic_block and any(callback is _bump for callback in pending):
        return
    transaction.on_commit(_bump, robust=True)  # a cache outage must not fail the committed work


def _on_change(sender, **kwargs) -> None:
    # Migrations save through historical models (module "__fake__"), before the cache table exists.
    if sender._meta.app_label in WATCHED_APPS and sender.__module__ != "__fake__":
        public_sections_changed()


def watch_changes() -> None:
    """Connect the signals (``CoreConfig.ready``)."""
    post_save.connect(_on_change, dispatch_uid="core.sectioncache.save")
    post_delete.connect(_on_change, dispatch_uid="core.sectioncache.delete")
