import json

from django import template
from django.utils.html import _json_script_escapes
from django.utils.safestring import mark_safe

from core import structured_data

register = template.Library()


@register.simple_tag
def json_ld(obj) -> str:
    """A ``<script type="application/ld+json">`` block describing a film, person or review."""
    data = structured_data.describe(obj)
    text = json.dumps(data, ensure_ascii=False).translate(_json_script_escapes)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308


@register.filter
def absolute(path: str) -> str:
    from django.conf import settings

    return f"{settings.SITE_URL}{path}"
