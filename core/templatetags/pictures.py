"""``{% picture pic alt sizes %}``: an image as every page shows one, with its size (no layout
shift), its renditions (WebP first, then the fallback) and lazy loading unless it is told it
sits above the fold."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()
EAGER = mark_safe(' fetchpriority="high"')
LAZY = mark_safe(' loading="lazy" decoding="async"')


@register.simple_tag
def picture(pic, alt: str, sizes: str, css_class: str = "", eager: bool = False):
    """``pic`` is a core.images.Picture, or None (nothing is shown)."""
    if pic is None:
        return ""
    *better, (_, fallback) = pic.srcsets or (("", ""),)
    entries = fallback.split(", ") if fallback else [pic.url]
    src = entries[min(1, len(entries) - 1)].rsplit(" ", 1)[0]  # a middling one, for old browsers
    img = format_html(
        '<img class="{}" src="{}"{} sizes="{}" width="{}" height="{}" alt="{}"{}>',
        css_class,
        src,
        format_html(' srcset="{}"', fallback) if fallback else "",
        sizes,
        pic.width,
        pic.height,
        alt,
        EAGER if eager else LAZY,
    )
    if not better:
        return img
    sources = format_html_join(
        "", '<source type="{}" srcset="{}" sizes="{}">', ((t, s, sizes) for t, s in better)
    )
    return format_html("<picture>{}{}</picture>", sources, img)
