"""The one clock: pinned by a setting for demos and by ``frozen`` in tests."""

import datetime as dt

from django.utils import timezone

from core import clock


def test_frozen_pins_now_and_today():
    with clock.frozen(dt.date(2026, 1, 15)):
        assert clock.today() == dt.date(2026, 1, 15)
        assert clock.now().hour == 12
    assert clock.today() == timezone.localdate()


def test_setting_pins_the_date_but_keeps_the_time_running(settings):
    settings.PORTAL_TODAY = "2024-12-14"
    assert clock.today() == dt.date(2024, 12, 14)
    settings.PORTAL_TODAY = None
    assert clock.today() == timezone.localdate()
