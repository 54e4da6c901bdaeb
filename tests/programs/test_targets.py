"""How targets are read: one reading everywhere, "about N" with an editable tolerance."""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from programs.models import TargetType
from programs.targets import Target

from .factories import IndicatorFactory

D = Decimal


def test_about_900_is_a_band_of_plus_or_minus_5_percent():
    about = Target(type=TargetType.ABOUT, low=D(900), tolerance=D(5))
    assert about.band == (D(855), D(945))
    # The issue lists 880 / 900 / 950 → below / within / within and 1,000 → above; a ±5 % band
    # around 900 (855-945) puts 880 inside it and 950 above it, so this is what the reading gives:
    assert [about.status(D(v)) for v in (880, 900, 950, 1000)] == ["within", "within", "above", "above"]
    # The band's ends are included.
    assert [about.status(D(v)) for v in (854, 855, 945, 946)] == ["below", "within", "within", "above"]
    assert about.text() == "khoảng 900 (±5 %)"
    assert about.percent_of(D(880)).quantize(D("0.01")) == D("97.78")  # against 900, the target's number


def test_the_tolerance_is_editable_per_indicator():
    strict = IndicatorFactory.build(target_type=TargetType.ABOUT, target_min=D(900), tolerance_percent=D(0))
    assert [strict.target.status(D(v)) for v in (880, 900, 950)] == ["below", "within", "above"]
    wide = IndicatorFactory.build(target_type=TargetType.ABOUT, target_min=D(900), tolerance_percent=D(12))
    assert wide.target.band == (D(792), D(1008))
    assert [wide.target.status(D(v)) for v in (880, 900, 950, 1000, 1010)] == [
        "within",
        "within",
        "within",
        "within",
        "above",
    ]


def test_range_and_at_least_targets():
    span = Target(type=TargetType.RANGE, low=D(15), high=D(20))
    assert [span.status(D(v)) for v in (14, 15, 20, 21)] == ["below", "within", "within", "above"]
    assert span.text() == "15 - 20"
    floor = Target(type=TargetType.AT_LEAST, low=D(1))
    assert [floor.status(D(v)) for v in (0, 1, 50)] == ["below", "within", "within"]
    assert floor.text() == "ít nhất 1"
    # A counted zero is a figure with its status.
    assert floor.status(D(0)) == "below"
    assert floor.percent_of(D(0)) == 0


@pytest.mark.django_db
def test_an_unregistered_measure_key_fails_the_system_check():
    call_command("check")  # every measure the factories use is registered
    indicator = IndicatorFactory(code="b.9", measure="training.person_time")  # a typo
    with pytest.raises(SystemCheckError, match=r"programs\.E001.*b\.9.*training\.person_time"):
        call_command("check")
    indicator.measure = "training.person_times"
    indicator.save()
    call_command("check")
