import json

from django import template
from django.utils.html import _json_script_escapes, escape
from django.utils.safestring import mark_safe

from core import structured_data

register = template.Library()


@register.simple_tag(takes_context=True)
def json_ld(context, obj) -> str:
    """A ``<script type="application/ld+json">`` block describing a film, person or review,
    carrying the request's CSP nonce."""
    request = context.get("request")
    data = structured_data.describe(obj, getattr(request, "page_generation", None))
    text = json.dumps(data, ensure_ascii=False).translate(_json_script_escapes)
    nonce = escape(getattr(request, "csp_nonce", ""))
    return mark_safe(  # noqa: S308 - JSON escaped for <script> just above
        f'<script type="application/ld+json" nonce="{nonce}">{text}</script>'
    )


@register.filter
def absolute(path: str) -> str:
    from django.conf import settings

    return f"{settings.SITE_URL}{path}"
