"""Whole-page caching of the pages readers hit most: home, film, person and review pages.

Only anonymous GETs without a query string are cached (staff previews and filtered views
never are). A cached page keeps a placeholder where the request's CSP nonce was, and each
hit gets a fresh nonce. Saves delete the pages they change (core/caching.py); the short
lifetime bounds what no save announces, such as a scheduled review's publication time
arriving.
"""

from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

NONCE_PLACEHOLDER = "{{csp-nonce}}"


def page_key(path: str) -> str:
    return f"page:{path}"


def forget_pages(paths) -> None:
    cache.delete_many([page_key(path) for path in set(paths)])


def cached_for_readers(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "GET" or request.GET or request.user.is_authenticated:
            return view(request, *args, **kwargs)
        key = page_key(request.path)
        if (cached := cache.get(key)) is not None:
            content, content_type = cached
            response = HttpResponse(
                content.replace(NONCE_PLACEHOLDER, request.csp_nonce), content_type=content_type
            )
            response["X-Page-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and hasattr(response, "add_post_render_callback"):
            nonce = request.csp_nonce

            def store(rendered):
                content = rendered.content.decode().replace(nonce, NONCE_PLACEHOLDER)
                cache.set(key, (content, rendered["Content-Type"]), settings.PAGE_CACHE_SECONDS)

            response.add_post_render_callback(store)
        return response

    return wrapper
