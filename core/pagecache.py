"""Whole responses cached for anonymous readers, and the catalogue version that retires them.

A copy is kept under its full URL for PAGE_CACHE_SECONDS, with the catalogue version that was
current when its render began, and served only while that version still is. Every committed
change starts a new version (core/changes.py), so one save retires every copy and fragment at
once, and a render that straddled a save is stored under a version nobody reads any more. A
copy and the version are read in one round trip; the bytes are served as they were stored.
Template fragments are keyed by ``request.catalogue_version`` for the same reason.

Signed-in users are never served a copy (staff see drafts). A scheduled review going live
is announced by no save: copies live PAGE_CACHE_SECONDS at most. The cache is only a cache:
with Redis down every lookup misses (django-redis IGNORE_EXCEPTIONS) and pages are rendered.
"""

import hashlib
import uuid
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

VERSION_KEY = "catalogue-version"
# The view's own headers worth keeping with a copy (middleware adds the rest on every hit).
KEPT_HEADERS = ("Content-Type", "Cache-Control", "Content-Language")
# Part of every key: change it when what is stored changes shape.
FORMAT = "6"


def new_catalogue_version() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def catalogue_version() -> str:
    """The current version, begun now if there is none (never None, so a lost version cannot
    bring back copies made before it changed)."""
    if (version := cache.get(VERSION_KEY)) is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_KEY, "")
    return version


def url_key(request, kind: str) -> str:
    """The whole URL (host included: API links are absolute), with the query's parameters in
    a fixed order so ``?a=1&b=2`` and ``?b=2&a=1`` share a copy."""
    query = sorted(request.GET.lists())
    url = f"{request.scheme}://{request.get_host()}{request.path}?{query!r}"
    return f"copy:{FORMAT}:{kind}:{hashlib.blake2b(url.encode(), digest_size=16).hexdigest()}"


def lookup(key: str) -> tuple[object | None, str]:
    """The copy stored under ``key`` if it belongs to the current version, and that version."""
    found = cache.get_many([VERSION_KEY, key])
    version = found.get(VERSION_KEY) or catalogue_version()
    entry = found.get(key)
    return (entry[1] if entry and entry[0] == version else None), version


def store(key: str, value, version: str) -> None:
    cache.set(key, (version, value), timeout=settings.PAGE_CACHE_SECONDS)


def for_anonymous(request) -> bool:
    return bool(settings.PAGE_CACHE_SECONDS) and not request.user.is_authenticated


def through_cache(request, build: Callable[[], object], kind: str = "api", shared: bool = False):
    """``build()``, cached under the request's URL (the API's data) for anonymous readers,
    and for anyone when the caller says the answer is the same for all (``shared``). A cached
    request gets ``request.catalogue_version``, as cached_for_readers() gives."""
    if not (shared and settings.PAGE_CACHE_SECONDS) and not for_anonymous(request):
        return build()
    key = url_key(request, kind)
    value, version = lookup(key)
    request.catalogue_version = version
    if value is None:
        value = build()
        store(key, value, version)
    return value


def cached_for_readers(view):
    """Cache a view's 200 responses to anonymous GETs. Every request gets
    ``request.catalogue_version``, read before the view reads anything, for its fragments."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "GET" or not for_anonymous(request):
            request.catalogue_version = catalogue_version()
            return view(request, *args, **kwargs)
        key = url_key(request, "html")
        copy, request.catalogue_version = lookup(key)
        if copy is not None:
            content, headers = copy
            response = HttpResponse(content, headers=headers)
            response["X-Page-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            version = request.catalogue_version

            def keep(rendered):
                headers = {name: rendered[name] for name in KEPT_HEADERS if name in rendered}
                store(key, (rendered.content, headers), version)

            if hasattr(response, "add_post_render_callback"):
                response.add_post_render_callback(keep)
            else:
                keep(response)
        return response

    return wrapper
