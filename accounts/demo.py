"""The demo accounts, one per role (seeded by ``manage.py seed_demo`` with DEBUG on)."""

DEMO_PASSWORD = "demo12345"  # noqa: S105 - documented demo password, seeded only with DEBUG on
# A fixed base32 TOTP secret for the demo accounts: `manage.py demo_totp` prints current codes.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105
DEMO_ACCOUNTS = {
    "admin@demo.vn": ("admin", "Quản trị hệ thống"),
    "staff@demo.vn": ("staff", "Nguyễn Thị Hồng Nhung"),
    "finance@demo.vn": ("finance", "Trần Văn Phúc"),
    "leader@demo.vn": ("leader", "Lê Quang Huy"),
    "partner@demo.vn": ("partner", "Phạm Minh Đức"),
    "enterprise@demo.vn": ("enterprise", "Võ Thị Thu Hà"),
    # A specialist of the second demo agency (Sở KH&CN Quảng Ngãi): sees only that agency's records.
    "chuyenvien.quangngai@demo.vn": ("staff", "Trần Thị Mỹ Linh"),
    # The Ministry's read-only national role: every agency's figures side by side.
    "bo.khcn@demo.vn": ("national", "Đỗ Minh Khoa"),
}


def seed_accounts() -> None:
    """The demo accounts, one per role plus a second agency's specialist; internal ones with TOTP
    pre-enrolled (their agencies: ``programs.demo.DEMO_MEMBERS``)."""
    from .services import user_ensure_demo

    for email, (role, name) in DEMO_ACCOUNTS.items():
        user_ensure_demo(email=email, role=role, full_name=name, password=DEMO_PASSWORD, totp_secret=DEMO_TOTP_SECRET)
