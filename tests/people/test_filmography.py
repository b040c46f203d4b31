"""A person with hundreds of credits: their page lists the first of each role and links to
the rest, in the same queries as a person with three."""

import pytest
from django.urls import reverse

from films.models import Credit
from sitewide.views import FILMOGRAPHY_SHOWN
from tests.factories import CreditFactory, FilmFactory, PersonFactory

pytestmark = pytest.mark.django_db


def queries_for_person_page(client, person, django_assert_max_num_queries):
    # person, credits with films (the first of each role), known for, reviews that mention them
    with django_assert_max_num_queries(4):
        response = client.get(person.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_a_prolific_person_shows_the_first_of_each_role_and_links_to_the_rest(
    client, django_assert_max_num_queries
):
    mel = PersonFactory(name="Mel Blanc")
    for year in range(1900, 1900 + FILMOGRAPHY_SHOWN + 25):
        CreditFactory(person=mel, film=FilmFactory(year=year), character="Bugs Bunny")
    CreditFactory(person=mel, role=Credit.Role.WRITER, character="")
    html = queries_for_person_page(client, mel, django_assert_max_num_queries)
    assert html.count("as Bugs Bunny") == FILMOGRAPHY_SHOWN
    assert f'<span class="year">{1900 + FILMOGRAPHY_SHOWN + 24}</span>' in html  # newest first
    assert '<span class="year">1900</span>' not in html
    rest = reverse("people:credits", args=[mel.slug, "cast"])
    assert f'href="{rest}">All {FILMOGRAPHY_SHOWN + 25} cast credits →' in html
    assert reverse("people:credits", args=[mel.slug, "writer"]) not in html  # one is all


def test_the_page_of_a_few_credits_has_no_link_and_the_same_queries(
    client, django_assert_max_num_queries
):
    person = PersonFactory()
    CreditFactory.create_batch(3, person=person)
    html = queries_for_person_page(client, person, django_assert_max_num_queries)
    assert "credits →" not in html


def test_all_of_a_roles_credits_are_a_hundred_to_a_page(client, django_assert_max_num_queries):
    mel = PersonFactory(name="Mel Blanc")
    for year in range(1900, 2020):
        CreditFactory(person=mel, film=FilmFactory(year=year), character="Daffy Duck")
    CreditFactory(person=mel, role=Credit.Role.WRITER, character="")
    url = reverse("people:credits", args=[mel.slug, "cast"])
    # person, count, the page's credits with their films
    with django_assert_max_num_queries(3):
        first = client.get(url)
    html = first.content.decode()
    assert first.status_code == 200
    assert "Mel Blanc: cast credits" in html and "(120)" in html
    assert html.count("as Daffy Duck") == 100
    assert f'href="{mel.get_absolute_url()}"' in html
    last = client.get(url, {"page": "2"}).content.decode()
    assert last.count("as Daffy Duck") == 20
    assert '<span class="year">1900</span>' in last


@pytest.mark.parametrize("path", ["mel-blanc/credits/stuntman", "nobody/credits/cast"])
def test_an_unknown_role_or_person_is_a_404(client, path):
    PersonFactory(name="Mel Blanc")
    assert client.get(f"/people/{path}/").status_code == 404
