"""HTTP caching of the open data: a strong ETag (SHA-256 of the body), Last-Modified (the last
counted change or finalised report behind the figures) and Cache-Control; a conditional request
that matches gets 304 without a body."""

import hashlib

from django.http import HttpResponse, HttpResponseNotModified
from django.utils.http import http_date, parse_http_date_safe

PUBLIC_CACHE = "public, max-age=300"
PRIVATE_CACHE = "private, no-cache"


def cached_response(request, body: bytes, content_type: str, *, last_modified, public: bool) -> HttpResponse:
    etag = '"' + hashlib.sha256(body).hexdigest() + '"'
    modified = int(last_modified.timestamp()) if last_modified is not None else None
    headers = {"ETag": etag, "Cache-Control": PUBLIC_CACHE if public else PRIVATE_CACHE, "Vary": "Authorization"}
    if modified is not None:
        headers["Last-Modified"] = http_date(modified)
    if_none_match = request.headers.get("If-None-Match")
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    if (if_none_match and etag in [t.strip() for t in if_none_match.split(",")]) or (
        not if_none_match and since is not None and modified is not None and modified <= since
    ):
        response: HttpResponse = HttpResponseNotModified()
    else:
        response = HttpResponse(body, content_type=content_type)
    for name, value in headers.items():
        response[name] = value
    return response
