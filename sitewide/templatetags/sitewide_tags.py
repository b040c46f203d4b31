import json

from django import template
from django.utils.html import _json_script_escapes
from django.utils.safestring import mark_safe

from core.links import absolute_url
from films.selectors import role_noun
from sitewide import structured_data

register = template.Library()


@register.simple_tag
def json_ld(obj) -> str:
    """A ``<script type="application/ld+json">`` block describing a film, person or review: a
    data block, which browsers never run, so CSP needs no nonce for it."""
    text = json.dumps(structured_data.describe(obj), ensure_ascii=False)
    return mark_safe(  # noqa: S308 - JSON escaped for <script> here
        f'<script type="application/ld+json">{text.translate(_json_script_escapes)}</script>'
    )


register.filter("absolute", absolute_url)
register.filter("role_noun", role_noun)


@register.filter
def initials(name: str) -> str:
    """The first letters of the first and last words: DV for Denis Villeneuve."""
    words = name.split()
    return "".join(word[0] for word in (words[:1] + words[1:][-1:])).upper()
