"""Whole responses cached for anonymous readers: pages, search suggestions and API reads.

Two kinds, by what invalidates them:

- A *page* (home, film, person, review) is cached under its path, without a query string;
  the saves that change it delete it (core/caching.py).
- A *listing* (film and review lists with their filters, search, suggestions, API reads) may
  show any film or person: it is cached under its full URL, and its copies are only good for
  the *catalogue version* they were built under, which every save changes
  (``catalogue_changed``): one save retires every listing at once.

Staff and signed-in users are never served a cached copy (they see drafts). A cached page keeps
a placeholder where the request's CSP nonce was, and each hit gets a fresh nonce.

A copy is fresh for PAGE_CACHE_SECONDS, the bound on what no save announces (a scheduled
review going live). After that, one request renders it again while the others are still
given the old copy, for at most STALE_SECONDS: an expiry under load costs one render, not one
per waiting reader. A save deletes a copy outright, so nobody is served a stale one after it.

A render that began before a save and ends after it holds the old data: each key has a
generation, which a save changes (a page's own; for every listing, the catalogue version), and
a copy is stored with the generation its render began under, so such a late copy is never
served. A copy and its generation are read together, in one round trip to the cache. A page's
fragments are keyed by its generation as well (core/caching.py), for the same reason.
"""

import hashlib
import time
import uuid
from collections.abc import Callable, Iterable
from functools import partial, wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse

NONCE_PLACEHOLDER = "{{csp-nonce}}"
CATALOGUE_VERSION = "catalogue-version"
STALE_SECONDS = 60
REFRESH_LOCK_SECONDS = 30  # a render that fails or hangs frees the refresh after this long
# The view's own headers worth keeping with a cached copy (middleware adds the rest per hit).
KEPT_HEADERS = ("Content-Type", "Cache-Control", "Content-Language")
# Part of every key: change it when what is stored under a key changes shape, so copies left
# by the previous release are never read as the new kind.
FORMAT = "4"
# How long a page key's generation is kept after a save: far longer than any render can take,
# and not for ever, so a large import does not leave a key behind for every page it touched.
GENERATION_SECONDS = 60 * 60


PAGE_PREFIX = f"page:{FORMAT}:"


def page_key(path: str) -> str:
    return f"{PAGE_PREFIX}{path}"


def listing_key(request, kind: str = "html") -> str:
    """The whole URL (host included: API links are absolute), with the query's parameters in
    a fixed order so ``?a=1&b=2`` and ``?b=2&a=1`` share a copy."""
    query = sorted(request.GET.lists())
    url = f"{request.scheme}://{request.get_host()}{request.path}?{query!r}"
    digest = hashlib.blake2b(url.encode(), digest_size=16).hexdigest()
    return f"listing:{FORMAT}:{kind}:{digest}"


def generation_key(key: str) -> str:
    """Where the generation of ``key``'s copies is kept: a page's own key, which a save of
    what it shows changes; for a listing, the catalogue version, which every save changes."""
    return f"{key}:generation" if key.startswith(PAGE_PREFIX) else CATALOGUE_VERSION


def current_generation(key: str) -> str:
    """The generation of ``key``'s copies, begun now if it has none: never None, so a
    generation lost (expired, evicted) cannot bring back copies made before it changed."""
    at = generation_key(key)
    if (generation := cache.get(at)) is None:
        cache.add(at, uuid.uuid4().hex, None if at == CATALOGUE_VERSION else GENERATION_SECONDS)
        generation = cache.get(at, "")
    return generation


def catalogue_version() -> str:
    return current_generation(CATALOGUE_VERSION)


def catalogue_changed() -> None:
    """Retire every cached listing: now, and again when the transaction commits, so a reader
    who renders between the save and its commit cannot keep the old data cached."""
    _now_and_on_commit(lambda: cache.set(CATALOGUE_VERSION, uuid.uuid4().hex, timeout=None))


def forget_pages(paths: Iterable[str]) -> None:
    """Delete cached pages and start new generations of their keys, now and again at commit
    (see catalogue_changed)."""
    keys = [page_key(path) for path in set(paths)]
    if keys:

        def change():
            generations = {generation_key(key): uuid.uuid4().hex for key in keys}
            cache.set_many(generations, GENERATION_SECONDS)
            cache.delete_many(keys)

        _now_and_on_commit(change)


def _now_and_on_commit(change: Callable[[], None]) -> None:
    change()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(change)


def lookup(key: str) -> tuple[object | None, str]:
    """The cached value, or None when the caller should build it; and the key's generation,
    to ``write`` the built value with. None when there is no copy of this generation, or when
    it is past its time and nobody else is already building it."""
    generation_at = generation_key(key)
    found = cache.get_many([key, generation_at])
    if (generation := found.get(generation_at)) is None:
        generation = current_generation(key)
    entry = found.get(key)
    if entry is None or entry[2] != generation:
        return None, generation
    value, fresh_until, _ = entry
    if time.time() < fresh_until:
        return value, generation
    if cache.add(f"{key}:refreshing", True, timeout=REFRESH_LOCK_SECONDS):
        return None, generation  # this request renders the new copy; the others keep the old
    return value, generation


def read(key: str):
    return lookup(key)[0]


def write(key: str, value, generation: str) -> None:
    """Store ``value``, built under ``generation`` (from ``lookup``)."""
    seconds = settings.PAGE_CACHE_SECONDS
    entry = (value, time.time() + seconds, generation)
    cache.set(key, entry, timeout=seconds + STALE_SECONDS)
    cache.delete(f"{key}:refreshing")


def for_anonymous(request) -> bool:
    return bool(settings.PAGE_CACHE_SECONDS) and not request.user.is_authenticated


def through_cache(request, build: Callable[[], object], kind: str = "api"):
    """``build()``, cached as a listing for anonymous readers (the API's serialized data)."""
    if not for_anonymous(request):
        return build()
    key = listing_key(request, kind)
    value, generation = lookup(key)
    if value is None:
        value = build()
        write(key, value, generation)
    return value


def cached_for_readers(view=None, *, listing: bool = False):
    """Cache a view's successful GET responses for anonymous readers: as a page (requests
    with a query string are not cached), or with ``listing=True`` as a listing."""
    if view is None:
        return partial(cached_for_readers, listing=listing)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        # A page's fragments are cached under its generation too ({% cache ...
        # request.page_generation %}), read here, before the view reads what they show: a
        # fragment rendered across a save is stored under the generation the save ended.
        if request.method != "GET" or not for_anonymous(request) or (request.GET and not listing):
            if not listing and settings.FRAGMENT_CACHE_SECONDS:
                request.page_generation = current_generation(page_key(request.path))
            return view(request, *args, **kwargs)
        key = listing_key(request) if listing else page_key(request.path)
        cached, generation = lookup(key)
        request.page_generation = generation
        if cached is not None:
            content, headers = cached
            response = HttpResponse(content.replace(NONCE_PLACEHOLDER, request.csp_nonce))
            for name, value in headers.items():
                response[name] = value
            response["X-Page-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            nonce = request.csp_nonce

            def store(rendered):
                content = rendered.content.decode().replace(nonce, NONCE_PLACEHOLDER)
                headers = {name: rendered[name] for name in KEPT_HEADERS if name in rendered}
                write(key, (content, headers), generation)

            if hasattr(response, "add_post_render_callback"):
                response.add_post_render_callback(store)
            else:
                store(response)
        return response

    return wrapper
