"""What every public template can call besides Jinja2's own (config/jinja2.py lists it all):
``picture()``, ``querystring()`` and ``{% cache %}``."""

from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.template.defaulttags import querystring as django_querystring
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from jinja2 import nodes, pass_context
from jinja2.ext import Extension
from markupsafe import Markup

EAGER = mark_safe(' fetchpriority="high"')
LAZY = mark_safe(' loading="lazy" decoding="async"')


def picture(pic, alt: str, sizes: str, css_class: str = "", eager: bool = False):
    """An image as every page shows one, with its size (no layout shift), its renditions (WebP
    first, then the fallback) and lazy loading unless it is told it sits above the fold.
    ``pic`` is a core.images.Picture, or None (nothing is shown)."""
    if not pic:
        return ""
    *better, (_, fallback) = pic.srcsets or (("", ""),)
    entries = fallback.split(", ") if fallback else [pic.url]
    src = entries[min(1, len(entries) - 1)].rsplit(" ", 1)[0]  # a middling one, for old browsers
    # What format_html would make, with each text escaped once: a third fewer calls per image.
    esc = conditional_escape
    sizes = esc(sizes)
    srcset = f' srcset="{esc(fallback)}"' if fallback else ""
    img = (
        f'<img class="{esc(css_class)}" src="{esc(src)}"{srcset} sizes="{sizes}" '
        f'width="{pic.width}" height="{pic.height}" alt="{esc(alt)}"{EAGER if eager else LAZY}>'
    )
    if not better:
        return mark_safe(img)
    sources = "".join(
        f'<source type="{esc(t)}" srcset="{esc(s)}" sizes="{sizes}">' for t, s in better
    )
    return mark_safe(f"<picture>{sources}{img}</picture>")


@pass_context
def querystring(context, **changes) -> str:
    """Django's ``{% querystring %}``: this request's query string with ``changes`` made (a
    value of None removes its key)."""
    return django_querystring(None, context["request"].GET, **changes)


class FragmentCacheExtension(Extension):
    """``{% cache seconds "name" vary on %}…{% endcache %}``: Django's fragment cache (the same
    keys), except that 0 seconds (``FRAGMENT_CACHE_SECONDS=0``: caching off) renders the
    fragment without asking the cache, where Django's would read it, and store it for no time,
    which Redis does by deleting it: two round trips for nothing."""

    tags = {"cache"}

    def parse(self, parser):
        lineno = next(parser.stream).lineno
        seconds = parser.parse_expression()
        name = parser.parse_expression()
        vary_on = []
        while not parser.stream.current.test("block_end"):
            vary_on.append(parser.parse_expression())
        body = parser.parse_statements(("name:endcache",), drop_needle=True)
        call = self.call_method("_cached", [seconds, name, nodes.List(vary_on)])
        return nodes.CallBlock(call, [], [], body).set_lineno(lineno)

    def _cached(self, seconds, name, vary_on, caller):
        if seconds == 0:
            return caller()
        key = make_template_fragment_key(name, vary_on)
        fragment = cache.get(key)
        if fragment is None:
            fragment = caller()
            cache.set(key, str(fragment), seconds)
        return Markup(fragment)  # noqa: S704 - rendered by this template, escaped there
