import functools

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse


def absolute_url(url: str) -> str:
    """``url`` on the public site (SITE_URL), for feeds, link previews, JSON-LD and the API;
    a URL that is already absolute (a file on a storage bucket) is kept as it is."""
    if url.startswith(("http://", "https://")):
        return url
    return f"{settings.SITE_URL}{url}"


def slug_url(viewname: str, slug: str) -> str:
    """``reverse(viewname, kwargs={"slug": slug})`` for a view whose only argument is a slug,
    from the route reversed once: a page of cards reverses dozens."""
    head, tail = _slug_route(viewname, get_script_prefix(), get_urlconf())
    return f"{head}{slug}{tail}"


@functools.cache
def _slug_route(viewname: str, script_prefix: str, urlconf: str | None) -> tuple[str, str]:
    head, _, tail = reverse(viewname, kwargs={"slug": _MARK}).partition(_MARK)
    return head, tail


_MARK = "slug-goes-here"


@receiver(setting_changed)
def _forget_routes(*, setting: str, **kwargs) -> None:
    if setting == "ROOT_URLCONF":
        _slug_route.cache_clear()
