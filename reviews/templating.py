from django.template.defaultfilters import floatformat
from django.utils.html import format_html

from reviews import models


def star_rating(rating) -> str:
    """Stars for the eye, words for a screen reader. A filter, not an include: a page of cards
    draws dozens."""
    return format_html(
        '<span class="stars" aria-hidden="true">{}</span>'
        '<span class="visually-hidden">Rated {} out of 5</span>',
        models.stars(rating),
        floatformat(rating, "-1"),
    )
