import factory

from enterprises.models import AdministrativeUnit, Enterprise, Representative, Sector, SectorGroup, UnitLevel
from enterprises.validators import tax_code_with_check_digit
from tests.accounts.factories import UserFactory


def valid_tax_code(n: int) -> str:
    """The n-th valid ten-digit tax code of a deterministic sequence."""
    seq = 1000 + n * 7
    while True:
        code = tax_code_with_check_digit(f"40{seq:07d}")
        if code:
            return code
        seq += 1


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sector
        django_get_or_create = ("classification", "code")

    classification = "VSIC2018"
    code = factory.Sequence(lambda n: f"{n % 100:02d}")
    level = 2
    name = factory.Sequence(lambda n: f"Ngành {n}")
    size_group = SectorGroup.SERVICES


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdministrativeUnit

    code = factory.Sequence(lambda n: f"{30000 + n}")
    name = factory.Sequence(lambda n: f"Xã Thử {n}")
    level = UnitLevel.COMMUNE
    kind = "xã"


class EnterpriseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enterprise

    tax_code = factory.Sequence(valid_tax_code)
    name = factory.Sequence(lambda n: f"Công ty TNHH Thử nghiệm {n}")
    unit = factory.SubFactory(UnitFactory)
    sector = factory.SubFactory(SectorFactory)
    employees = 20
    revenue = 5_000_000_000
    capital = 2_000_000_000

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        """Like the services: tax code normalised, size class derived."""
        from enterprises.services import enterprise_derive

        enterprise = enterprise_derive(model_class(*args, **kwargs))
        enterprise.save()
        return enterprise


class RepresentativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Representative

    user = factory.SubFactory(UserFactory, roles=("enterprise",))
    enterprise = factory.SubFactory(EnterpriseFactory)
    status = "verified"
