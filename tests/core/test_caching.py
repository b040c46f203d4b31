"""Cached fragments never show a stale fact after an edit, from the admin or elsewhere."""

import pytest
from django.urls import reverse
from django.utils import timezone

from films.models import Credit
from reviews.models import Review
from tests.factories import (
    CollectionFactory,
    CreditFactory,
    FilmFactory,
    GenreFactory,
    PersonFactory,
    ReviewFactory,
)

pytestmark = pytest.mark.django_db


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_second_view_of_a_film_page_skips_the_cached_parts(
    client, settings, django_assert_max_num_queries
):
    settings.PAGE_CACHE_SECONDS = 0  # fragments only
    film = FilmFactory()
    CreditFactory.create_batch(20, film=film)
    url = film.get_absolute_url()
    page(client, url)  # warms the fragments
    # film with collection, its published reviews, reviews that mention it; nothing else
    with django_assert_max_num_queries(3):
        page(client, url)


def test_second_view_of_a_person_page_skips_the_filmography(
    client, settings, django_assert_max_num_queries
):
    settings.PAGE_CACHE_SECONDS = 0  # fragments only
    person = CreditFactory().person
    url = person.get_absolute_url()
    page(client, url)
    with django_assert_max_num_queries(2):  # the person, reviews that mention them
        page(client, url)


def test_renaming_a_person_updates_every_page_that_names_them(client):
    credit = CreditFactory(person=PersonFactory(name="Keanu Reves"))
    review = ReviewFactory(film=credit.film)
    for url in (credit.film.get_absolute_url(), review.get_absolute_url(),
                credit.person.get_absolute_url()):  # fmt: skip
        assert "Keanu Reves" in page(client, url)
    credit.person.name = "Keanu Reeves"
    credit.person.save()
    for url in (credit.film.get_absolute_url(), review.get_absolute_url(),
                credit.person.get_absolute_url()):  # fmt: skip
        html = page(client, url)
        assert "Keanu Reeves" in html
        assert "Keanu Reves" not in html


def test_editing_a_film_in_the_admin_shows_at_once(client, editor_client):
    film = FilmFactory(title="Balerina", year=2025, runtime_minutes=120)
    person = CreditFactory(film=film).person
    assert "120 MINUTES" in page(client, film.get_absolute_url())
    assert "Balerina" in page(client, person.get_absolute_url())
    from tests.test_admin import film_form, inline_management

    response = editor_client.post(
        reverse("admin:films_film_change", args=[film.pk]),
        film_form(title="Ballerina", slug=film.slug, runtime_minutes="124",
                  **inline_management("film_countries", total=1, initial=1),
                  **{"film_countries-0-id": str(film.film_countries.get().pk),
                     "film_countries-0-film": str(film.pk),
                     "film_countries-0-country": "HU", "film_countries-0-position": "1"}),
    )  # fmt: skip
    assert response.status_code == 302
    html = page(client, film.get_absolute_url())
    assert "HUNGARY | 2025 | 124 MINUTES" in html
    assert "Ballerina" in page(client, person.get_absolute_url())


@pytest.mark.parametrize(
    "change",
    ["add credit", "delete credit", "move credit", "genre", "relation", "collection", "country"],
)
def test_every_kind_of_change_invalidates_the_film_page(client, change):
    film = FilmFactory(collection=CollectionFactory(name="Old series"))
    credit = CreditFactory(film=film, character="Old part")
    page(client, film.get_absolute_url())
    other = FilmFactory(title="Other film")
    if change == "add credit":
        CreditFactory(film=film, character="New part")
        expected = "New part"
    elif change == "delete credit":
        credit.delete()
        expected = "Old part"
    elif change == "move credit":
        credit.film = other
        credit.save()
        expected = "Old part"
    elif change == "genre":
        film.genres.add(GenreFactory(name="Film noir"))
        expected = "Film noir"
    elif change == "relation":
        film.relations.create(kind="sequel-of", related_film=other)
        expected = "Other film"
    elif change == "collection":
        film.collection.name = "New series"
        film.collection.save()
        expected = "New series"
    else:
        film.film_countries.update_or_create(country_id="FR", defaults={"position": 2})
        expected = "USA • FRANCE"
    html = page(client, film.get_absolute_url())
    if change in {"delete credit", "move credit"}:
        assert expected not in html
        assert Credit.objects.filter(film=film).count() == 0
    else:
        assert expected in html


def test_publishing_a_review_updates_the_home_page(client):
    review = ReviewFactory(draft=True, headline="Fresh off the press")
    assert "Fresh off the press" not in page(client, "/")
    review.status = "published"
    review.published_at = review.created_at
    review.save()
    assert "Fresh off the press" in page(client, "/")


@pytest.mark.parametrize(("fragment_seconds", "cached"), [(3600, True), (0, False)])
def test_the_home_lists_live_a_minute_at_most_and_not_at_all_with_caching_off(
    client, settings, fragment_seconds, cached
):
    settings.PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = fragment_seconds
    review = ReviewFactory(draft=True, headline="Went live quietly")
    assert "Went live quietly" not in page(client, "/")
    # Its time comes without a save (as a scheduled review's does).
    Review.objects.filter(pk=review.pk).update(status="published", published_at=timezone.now())
    assert ("Went live quietly" in page(client, "/")) is not cached


def test_json_ld_follows_the_film(client):
    credit = CreditFactory(role="director", character="", person=PersonFactory(name="Len"))
    assert '"Len"' in page(client, credit.film.get_absolute_url())
    credit.person.name = "Len Wiseman"
    credit.person.save()
    assert '"Len Wiseman"' in page(client, credit.film.get_absolute_url())


def test_readers_get_whole_cached_pages_as_they_were_stored(client, django_assert_num_queries):
    film = CreditFactory().film
    first = client.get(film.get_absolute_url())
    assert "X-Page-Cache" not in first
    with django_assert_num_queries(0):
        second = client.get(film.get_absolute_url())
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert "nonce" not in second["Content-Security-Policy"]


def test_text_a_reader_typed_is_served_back_as_typed(client):
    """Cached copies once kept a nonce placeholder that every hit replaced, typed text too."""
    url = "/search/?q=%7B%7Bcsp-nonce%7D%7D+x"
    first = client.get(url)
    second = client.get(url)
    assert second["X-Page-Cache"] == "hit"
    assert "{{csp-nonce}}" in second.content.decode()
    assert second.content == first.content


def test_signed_in_requests_bypass_the_page_cache(client, editor):
    film = FilmFactory()
    client.get(film.get_absolute_url())
    assert client.get(film.get_absolute_url())["X-Page-Cache"] == "hit"
    client.force_login(editor)
    assert "X-Page-Cache" not in client.get(film.get_absolute_url())


def test_a_new_review_shows_on_its_film_page_at_once(client):
    film = FilmFactory()
    client.get(film.get_absolute_url())
    ReviewFactory(film=film, headline="Hot off the press")
    assert "Hot off the press" in page(client, film.get_absolute_url())


def test_a_changed_slug_moves_the_old_address_on(client):
    film = FilmFactory(title="Balerina", year=2025)
    old_url = film.get_absolute_url()
    assert client.get(old_url).status_code == 200
    film.slug = "ballerina-2025"
    film.save()
    moved = client.get(old_url)  # not the cached copy of the old page
    assert (moved.status_code, moved["Location"]) == (301, "/films/ballerina-2025/")
    assert client.get("/films/ballerina-2025/").status_code == 200


def test_a_mention_shows_on_the_mentioned_films_page_at_once(client):
    mentioned = FilmFactory(title="Hot Fuzz", year=2007)
    assert "Mentioned in" not in page(client, mentioned.get_absolute_url())
    ReviewFactory(body="It owes a lot to Hot Fuzz (2007).", headline="Village people")
    assert "Village people" in page(client, mentioned.get_absolute_url())
