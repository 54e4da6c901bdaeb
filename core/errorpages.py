"""The last-resort error page: static and self-contained (no template, database, session or
static file), with the security headers set on the response itself, for when the database is
down or the friendly error page cannot be rendered."""

from django.db import DatabaseError, InterfaceError
from django.http import HttpResponse

PAGE = """<!doctype html>
<html lang="vi">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Năng suất – tạm thời gián đoạn</title></head>
<body>
<main>
<h1>Cổng thông tin tạm thời gián đoạn</h1>
<p>Hệ thống đang gặp sự cố và không xử lý được yêu cầu của bạn. Những gì bạn đã lưu không bị mất.
Vui lòng thử lại sau ít phút.</p>
<p lang="en">The portal is temporarily unavailable. Nothing you saved was lost; please try again in a few minutes.</p>
<p><a href="/">Về trang chủ</a></p>
</main>
</body>
</html>
"""
HEADERS = {
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "private, no-store",
}


def is_database_failure(exc: BaseException | None) -> bool:
    return isinstance(exc, DatabaseError | InterfaceError)


def static_error_response(*, status: int) -> HttpResponse:
    response = HttpResponse(PAGE, status=status, content_type="text/html; charset=utf-8")
    for name, value in HEADERS.items():
        response[name] = value
    if status == 503:
        response["Retry-After"] = "120"
    return response
