"""The public pages' cache and the anonymous rate limit.

Pages are kept in Django's cache under a *generation*: a value stored in the cache
itself, replaced when an approval or a round's freeze changes what the portal shows
(opendata.apps wires the engine's signal and the snapshot's post_save to
`generation_bump`, after commit). A new generation misses every old key, so web and
worker processes sharing the cache (Redis in production, files under var/ for
`make run`) agree at once, and nothing else ever clears it: a draft saved, a report
submitted or returned leaves the cached pages as they are.

Anonymous requests are limited per address with Django REST framework's throttle
(the API's own), at `OPEN_DATA_RATE`; signed-in officials are not limited here.
"""

import hashlib
import uuid
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import render
from rest_framework.throttling import AnonRateThrottle

GENERATION_KEY = "opendata:generation"


def generation() -> str:
    """The current generation (made on first use, or after the cache lost it)."""
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        value = cache.get(GENERATION_KEY)
    return value


def generation_bump() -> None:
    """Every cached public page is stale from now on."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


class PublicRateThrottle(AnonRateThrottle):
    """Anonymous visitors of the portal, per address; the rate is read on every request
    so it follows the settings."""

    scope = "open_data"

    def get_rate(self) -> str:
        return settings.OPEN_DATA_RATE


def _too_many(request, throttle: PublicRateThrottle) -> HttpResponse:
    wait = throttle.wait()
    response = render(request, "opendata/429.html", {"wait": int(wait or 60) + 1}, status=429)
    response["Retry-After"] = str(int(wait or 60) + 1)
    return response


def public(view=None, *, cached: bool = True):
    """A portal view: rate-limited for anonymous visitors, its 200 answers cached (per
    absolute URL, query included) for the current generation. Streaming answers
    (the large downloads) are never cached."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            throttle = PublicRateThrottle()
            if not throttle.allow_request(request, None):
                return _too_many(request, throttle)
            if not cached or request.method not in ("GET", "HEAD"):
                return view(request, *args, **kwargs)
            url = request.build_absolute_uri().encode()
            key = f"opendata:page:{generation()}:{hashlib.sha256(url).hexdigest()}"
            hit = cache.get(key)
            if hit is not None:
                content, content_type = hit
                return HttpResponse(content, content_type=content_type)
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.streaming:
                cache.set(
                    key,
                    (response.content, response["Content-Type"]),
                    settings.OPEN_DATA_CACHE_SECONDS,
                )
            return response

        return wrapper

    return decorate(view) if view is not None else decorate
