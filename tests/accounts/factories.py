import factory
from allauth.account.models import EmailAddress

from accounts.models import User
from accounts.services import role_group

TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@test.vn")
    full_name = factory.Faker("name", locale="vi_VN")
    password = factory.PostGenerationMethodCall("set_password", "demo12345")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        self.save()
        if extracted:
            self.groups.set([role_group(role) for role in extracted])
            self.is_staff = bool(set(extracted) & {"staff", "admin"})
            self.save(update_fields=["is_staff"])
        EmailAddress.objects.get_or_create(user=self, email=self.email, defaults={"verified": True, "primary": True})

    @factory.post_generation
    def mfa(self, create, extracted, **kwargs):
        from allauth.mfa.totp.internal.auth import TOTP

        if extracted and self.needs_strong_auth:
            TOTP.activate(self, TEST_TOTP_SECRET)
