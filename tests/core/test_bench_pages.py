"""The yardstick pages `make bench` serves beside the site's (BENCHMARK_CEILING only)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from sitewide.views import bench_floor
from tests.factories import FilmFactory

pytestmark = pytest.mark.django_db


def test_the_floor_is_one_query_in_the_sites_layout(django_assert_num_queries):
    film = FilmFactory(title="Ballerina", year=2025)
    request = RequestFactory().get("/bench/floor/")
    request.user = AnonymousUser()
    with django_assert_num_queries(1):
        html = bench_floor(request).content.decode()
    assert f'<a href="{film.get_absolute_url()}">Ballerina</a>' in html
    assert '<header class="site-header">' in html  # the site's layout around it
