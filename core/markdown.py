"""Markdown to HTML, then sanitised, so nothing an editor pastes can run: review bodies and
biographies."""

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "cite", "code", "em", "h2", "h3", "h4", "hr", "i", "li",
    "ol", "p", "pre", "q", "strong", "sub", "sup", "ul", "b", "del", "s",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}


def render_markdown(source: str) -> SafeString:
    html = markdown.markdown(source, extensions=["extra", "sane_lists", "smarty"])
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener nofollow",
    )
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 just above
