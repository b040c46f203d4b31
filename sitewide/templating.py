import json

from django.utils.html import _json_script_escapes
from django.utils.safestring import mark_safe

from sitewide import structured_data


def json_ld(obj) -> str:
    """A ``<script type="application/ld+json">`` block describing a film, person or review: a
    data block, which browsers never run, so CSP needs no nonce for it."""
    text = json.dumps(structured_data.describe(obj), ensure_ascii=False)
    return mark_safe(  # noqa: S308 - JSON escaped for <script> here
        f'<script type="application/ld+json">{text.translate(_json_script_escapes)}</script>'
    )
