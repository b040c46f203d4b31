import functools

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse


def absolute_url(url: str) -> str:
    """``url`` on the public site (SITE_URL), for feeds, link previews, JSON-LD and the API;
    a URL that is already absolute (a file on a storage bucket) is kept as it is."""
    if url.startswith(("http://", "https://")):
        return url
    return f"{settings.SITE_URL}{url}"


def slug_url(viewname: str, slug: str) -> str:
    """``reverse(viewname, kwargs={"slug": slug})``, from the route reversed once."""
    return route_url(viewname, "slug", slug)


def route_url(viewname: str, kwarg: str, value) -> str:
    """``reverse(viewname, kwargs={kwarg: value})`` for a route with that one argument (a
    slug, a code or an id), from the route reversed once per script prefix and URLconf: a page
    of cards reverses dozens. ``value`` is put in as it is: slugs, codes and ids need no
    quoting."""
    head, tail = _route(viewname, kwarg, get_script_prefix(), get_urlconf())
    return f"{head}{value}{tail}"


# Values the shape of a slug, a code and an id, found in no route's fixed text.
_MARKS = ("zqzqzq", "ZQZQ", "9081726354")


@functools.cache
def _route(viewname: str, kwarg: str, script_prefix: str, urlconf: str | None) -> tuple[str, str]:
    for mark in _MARKS:
        try:
            url = reverse(viewname, kwargs={kwarg: mark})
        except NoReverseMatch:
            continue
        head, _, tail = url.partition(mark)
        return head, tail
    raise NoReverseMatch(f"{viewname} takes no {kwarg} shaped like a slug, a code or an id.")


@receiver(setting_changed)
def _forget_routes(*, setting: str, **kwargs) -> None:
    if setting == "ROOT_URLCONF":
        _route.cache_clear()
