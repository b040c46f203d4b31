"""``{% cache %}`` from core/templating.py: Django's, but a timeout of 0 (FRAGMENT_CACHE_SECONDS=0,
caching off) never calls the cache."""

from unittest import mock

import pytest
from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.template import engines

from tests.factories import CreditFactory, ReviewFactory

FRAGMENT = engines["jinja2"].from_string(
    '{% cache seconds "greeting" name[0] %}<b>{{ name }}</b>{% endcache %}'
)


def fragment_calls(spy: mock.MagicMock) -> list[str]:
    """The fragment keys the cache was asked about."""
    return [c.args[0] for c in spy.mock_calls if c.args and "template.cache." in str(c.args[0])]


@pytest.fixture
def cache_spy():
    with (
        mock.patch.object(cache, "get", wraps=cache.get) as get,
        mock.patch.object(cache, "set", wraps=cache.set) as set_,
        mock.patch.object(cache, "delete", wraps=cache.delete) as delete,
    ):
        spy = mock.MagicMock()
        spy.attach_mock(get, "get")
        spy.attach_mock(set_, "set")
        spy.attach_mock(delete, "delete")
        yield spy


def test_a_timeout_of_zero_renders_without_calling_the_cache(cache_spy):
    assert FRAGMENT.render({"seconds": 0, "name": "Eve"}) == "<b>Eve</b>"
    assert FRAGMENT.render({"seconds": 0, "name": "Ezra"}) == "<b>Ezra</b>"
    assert cache_spy.mock_calls == []


@pytest.mark.parametrize("seconds", [60, None])
def test_any_other_timeout_caches_as_djangos_tag_does(cache_spy, seconds):
    assert FRAGMENT.render({"seconds": seconds, "name": "Eve"}) == "<b>Eve</b>"
    assert FRAGMENT.render({"seconds": seconds, "name": "Ezra"}) == "<b>Eve</b>"  # same key
    assert FRAGMENT.render({"seconds": seconds, "name": "Pike"}) == "<b>Pike</b>"
    assert [name for name, *_ in cache_spy.mock_calls] == ["get", "set", "get", "get", "set"]
    # Keyed as Django's tag keys a fragment (tests/core/test_redis.py reads one).
    assert cache.get(make_template_fragment_key("greeting", ["E"])) == "<b>Eve</b>"


@pytest.mark.django_db
@pytest.mark.parametrize("fragment_seconds", [0, 3600])
def test_pages_ask_the_cache_for_fragments_only_when_caching_is_on(
    client, settings, cache_spy, fragment_seconds
):
    settings.PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = fragment_seconds
    credit = CreditFactory(role="director", character="")
    review = ReviewFactory(film=credit.film)
    pages = ["/", credit.film.get_absolute_url(), credit.person.get_absolute_url()]
    for url in [*pages, review.get_absolute_url()]:
        assert client.get(url).status_code == 200
    asked = fragment_calls(cache_spy)
    if fragment_seconds:
        assert len(asked) >= 8  # each page's fragments read, then stored
    else:
        assert asked == []
