"""The demo accounts, one per role (seeded by ``manage.py seed_demo`` with DEBUG on; who they are:
``accounts.yaml``)."""

from core.demo import load

DEMO_PASSWORD = "demo12345"  # noqa: S105 - documented demo password, seeded only with DEBUG on
# A fixed base32 TOTP secret for the demo accounts: `manage.py demo_totp` prints current codes.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105


def seed_accounts() -> None:
    """The demo accounts, one per role plus a second agency's specialist; internal ones with TOTP
    pre-enrolled (their agencies: ``programs/demo/agencies.yaml``)."""
    from ..services import user_ensure_demo

    for account in load("accounts", "accounts.yaml")["accounts"]:
        user_ensure_demo(
            email=account["email"],
            role=account["role"],
            full_name=account["name"],
            password=DEMO_PASSWORD,
            totp_secret=DEMO_TOTP_SECRET,
        )
