from django.utils.html import format_html


def byline_link(item) -> str:
    """A review's or list's byline, linked to its critic's page where it is credited to one
    (load the critic with it: select_related("critic")). A filter, not an include: a page of
    cards draws dozens."""
    if item.critic_id is None:
        return item.byline
    return format_html(
        '<a href="{}" rel="author">{}</a>', item.critic.get_absolute_url(), item.byline
    )
