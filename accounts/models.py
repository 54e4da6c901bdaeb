from typing import ClassVar

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core import bounds


class Role(models.TextChoices):
    """Roles are auth groups with these names; one person may hold several."""

    ENTERPRISE = "enterprise", _("Enterprise representative")
    STAFF = "staff", _("Department specialist")
    FINANCE = "finance", _("Finance officer")
    LEADER = "leader", _("Leadership")
    PARTNER = "partner", _("Partner organisation")
    ADMIN = "admin", _("System administrator")
    NATIONAL = "national", _("Ministry (national, read-only)")


# The internal roles (Sở KH&CN's people), written out here only; everything else imports them.
INTERNAL_ROLES: tuple[str, ...] = (Role.STAFF, Role.FINANCE, Role.LEADER, Role.ADMIN)
# The Ministry's people read every agency's figures (read-only, no agency of their own): they sign
# in with TOTP and their sessions end after 8 hours, as internal users' do.
STRONG_AUTH_ROLES = frozenset(INTERNAL_ROLES) | {Role.NATIONAL}


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("The e-mail address must be set.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person who signs in with an e-mail address."""

    # Removed fields of AbstractUser (Django's documented way; the stubs type them as text).
    username = None  # type: ignore[assignment]
    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True, validators=bounds.NAME)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    organisation = models.CharField(_("organisation"), max_length=255, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects: ClassVar[UserManager] = UserManager()  # type: ignore[assignment]
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name or self.email

    def get_short_name(self):
        return self.full_name or self.email

    @property
    def roles(self) -> frozenset[str]:
        """Role names of this user, cached on the instance (one query)."""
        if not hasattr(self, "_roles_cache"):
            self._roles_cache = frozenset(self.groups.values_list("name", flat=True))
        return self._roles_cache

    def has_role(self, *roles: str) -> bool:
        return self.is_active and bool(self.roles.intersection(roles))

    @property
    def role_labels(self) -> list[str]:
        """The user's roles as translated labels, in the order of ``Role``."""
        return [str(role.label) for role in Role if role.value in self.roles]

    @property
    def is_internal(self) -> bool:
        return self.has_role(*INTERNAL_ROLES)

    @property
    def needs_strong_auth(self) -> bool:
        """TOTP and 8-hour sessions: internal users and the Ministry's."""
        return self.has_role(*STRONG_AUTH_ROLES)
