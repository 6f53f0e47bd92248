"""Small request helpers every app's views share."""

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request: HttpRequest, fallback: str, *, target: str | None = None) -> str:
    """Where to send the user after a POST: the form's `next` (or `target`, e.g. the
    Referer) when it stays on this site, else `fallback` (a URL).

    Following a `next` that leaves the site (https://evil.example/, //evil.example) would
    make the page an open redirect; on HTTPS a plain-HTTP `next` is refused too.
    """
    if target is None:
        target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if target and allowed else fallback
