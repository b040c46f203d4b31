import pytest
from django.test import override_settings
from django.urls import NoReverseMatch, clear_script_prefix, reverse, set_script_prefix

from core.links import absolute_url, route_url, slug_url


def test_a_path_is_made_absolute_on_the_public_site(settings):
    settings.SITE_URL = "https://marquee.example"
    assert absolute_url("/films/la-haine-1995/") == "https://marquee.example/films/la-haine-1995/"


def test_a_url_already_absolute_is_kept(settings):
    # An uploaded poster on a storage bucket.
    url = "https://bucket.example/posters/la-haine.jpg"
    assert absolute_url(url) == url


# slug_url: reverse()'s answer for slug-only views, from a route reversed once.
VIEWS = ["films:detail", "films:poster", "people:detail", "reviews:detail", "lists:detail"]


@pytest.mark.parametrize("viewname", VIEWS)
@pytest.mark.parametrize("slug", ["amelie-2001", "8-1-2-1963", "m", "x_y-1"])
def test_it_builds_what_reverse_builds(viewname, slug):
    assert slug_url(viewname, slug) == reverse(viewname, kwargs={"slug": slug})


def test_it_follows_the_script_prefix_of_a_site_served_below_the_root():
    set_script_prefix("/magazine/")
    try:
        assert slug_url("films:detail", "heat-1995") == "/magazine/films/heat-1995/"
    finally:
        clear_script_prefix()
    assert slug_url("films:detail", "heat-1995") == "/films/heat-1995/"


@override_settings(ROOT_URLCONF="tests.core.moved_urls")
def test_it_forgets_its_routes_when_the_urlconf_changes():
    assert slug_url("films:detail", "heat-1995") == "/moved/heat-1995/"


@pytest.mark.parametrize(
    ("viewname", "kwarg", "value"),
    [
        ("api:film-detail", "slug", "amelie-2001"),
        ("api:credit-detail", "pk", 42),
        ("api:country-detail", "code", "FR"),
        ("api:language-detail", "code", "fra"),
    ],
)
def test_route_url_builds_what_reverse_builds_for_slugs_codes_and_ids(viewname, kwarg, value):
    assert route_url(viewname, kwarg, value) == reverse(viewname, kwargs={kwarg: value})


def test_a_route_without_that_argument_is_refused():
    with pytest.raises(NoReverseMatch):
        route_url("films:detail", "pk", 1)
