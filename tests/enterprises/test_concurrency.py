import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from enterprises import services
from enterprises.models import Enterprise


@pytest.mark.skipif(connection.vendor != "postgresql", reason="real concurrent transactions need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_registrations_of_one_code_give_one_record():
    barrier = threading.Barrier(2)
    outcomes = []

    def register(name):
        try:
            barrier.wait(timeout=10)
            services.enterprise_create(data={"tax_code": "0100233488", "name": name}, actor=None)
            outcomes.append("created")
        except ValidationError as error:
            outcomes.append(error.message_dict["tax_code"][0])
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(f"Công ty {n}",)) for n in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert Enterprise.objects.count() == 1
    winner = Enterprise.objects.get()
    assert sorted(outcomes) == sorted(
        ["created", f"Mã số thuế 0100233488 đã được đăng ký cho {winner.name} (hồ sơ số {winner.pk})."]
    )
