from django import template

from reviews import models

register = template.Library()


@register.filter
def stars(rating) -> str:
    return models.stars(rating) if rating is not None else ""
