"""API tokens of the Ministry's systems: issued in the admin (the key is shown once, only its
SHA-256 is kept), revoked there, and every use audited."""

import secrets

from django.db import transaction

from core import clock
from core.audit import audit_record

from .models import ApiToken, hash_key


@transaction.atomic
def token_issue(*, name: str, actor) -> tuple[ApiToken, str]:
    """A new token and its key (to show once)."""
    key = "ns_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(name=name, prefix=key[:10], key_hash=hash_key(key), created_by=actor)
    audit_record(actor=actor, action="national.token_issued", obj=token)
    return token, key


@transaction.atomic
def token_revoke(*, token: ApiToken, actor, reason: str = "") -> None:
    if token.revoked_at is None:
        token.revoked_at = clock.now()
        token.save(update_fields=["revoked_at"])
        audit_record(actor=actor, action="national.token_revoked", obj=token, reason=reason)


def token_for_key(key: str, *, path: str) -> ApiToken | None:
    """The active token with this key (None otherwise); its use is recorded."""
    if not key:
        return None
    token = ApiToken.objects.filter(key_hash=hash_key(key), revoked_at__isnull=True).first()
    if token is not None:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=clock.now())
        audit_record(actor=None, action="national.token_used", obj=token, path=path)
    return token
