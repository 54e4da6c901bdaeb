"""Acceptance: two registrations for the last seat at the same moment (PostgreSQL, real threads)."""

import threading

import pytest
from django.db import close_old_connections, connection

from training import services
from training.models import Enrolment

from .factories import CourseFactory, ensure_reference_data


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_the_last_seat_goes_to_exactly_one_of_two_concurrent_registrations(make_user):
    ensure_reference_data()
    staff = make_user("staff")
    course = CourseFactory(capacity=3)
    for n in range(2):
        services.enrolment_register(
            course=course, person=services.PersonData(full_name=f"Sẵn {n}", email=f"s{n}@test.vn"), actor=staff
        )
    barrier = threading.Barrier(2)
    results, errors = [], []

    def register(n):
        try:
            barrier.wait(timeout=10)
            enrolment = services.enrolment_register(
                course=course,
                person=services.PersonData(full_name=f"Người {n}", email=f"race{n}@test.vn"),
                actor=staff,
            )
            results.append(enrolment.status)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=register, args=(n,)) for n in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert errors == []
    assert sorted(results) == ["registered", "waitlisted"]
    assert Enrolment.objects.filter(course=course, status="registered").count() == 3
    assert Enrolment.objects.filter(course=course, status="waitlisted").count() == 1
