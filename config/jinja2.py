"""The public pages' template engine (settings.TEMPLATES): Jinja2 with django-jinja's Django
filters, ``url()`` and ``static()``, and everything of ours a template can call."""

from django.contrib.humanize.templatetags.humanize import intcomma
from django.template.defaultfilters import date
from django.utils.timezone import template_localtime
from django_jinja.builtins import DEFAULT_EXTENSIONS
from jinja2 import Environment

from authors.templating import byline_link
from core.links import absolute_url
from core.templating import picture, querystring
from films.selectors import role_noun
from reviews.templating import star_rating
from sitewide.templating import json_ld

EXTENSIONS = [
    "core.templating.FragmentCacheExtension"
    if name == "django_jinja.builtins.extensions.CacheExtension"
    else name
    for name in DEFAULT_EXTENSIONS
]


def local_date(value, format=None) -> str:
    """Django's ``date`` filter, in the current time zone as Django's templates show times."""
    return date(template_localtime(value), format)


def environment(**options) -> Environment:
    options["extensions"] = EXTENSIONS
    env = Environment(**options)
    env.globals.update(json_ld=json_ld, picture=picture, querystring=querystring)
    env.filters.update(
        absolute=absolute_url,
        byline_link=byline_link,
        date=local_date,
        intcomma=intcomma,
        role_noun=role_noun,
        star_rating=star_rating,
    )
    return env
