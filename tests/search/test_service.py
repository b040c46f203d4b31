"""search.service: what readers find, in what order, grouped and paginated. The same cases
run on SQLite and on PostgreSQL (``make test`` runs the suite on both) and expect the same
results."""

from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone

from core.images import Picture
from films.models import Film
from reviews.models import Review
from search import service
from search.service import ResultGroup, SearchResults, search, suggest
from search.text import highlight
from tests.factories import CreditFactory, FilmFactory, PersonFactory, ReviewFactory

pytestmark = pytest.mark.django_db


def titles(group) -> list[str]:
    return [str(item) for item in group]


def test_ranking_exact_title_then_title_start_then_title_words_then_other_fields(db):
    other_fields = FilmFactory(title="Red Sparrow", year=2018, logline="A ballerina spy.")
    title_words = FilmFactory(title="The Last Ballerina", year=2020)
    title_start = FilmFactory(title="Ballerina Boys", year=2021)
    exact = FilmFactory(title="Ballerina", year=1999)
    original = FilmFactory(title="Leap!", original_title="Ballerina", year=2016)
    # Reviews would lift a film within its rank, never above a better rank.
    ReviewFactory.create_batch(2, film=other_fields)
    # Equal rank and popularity: the newer film first.
    assert list(search("ballerina").films) == [
        original, exact, title_start, title_words, other_fields
    ]  # fmt: skip


def test_among_equals_more_reviews_then_newer_reviews_then_more_credits(db):
    now = timezone.now()
    quiet = FilmFactory(title="Night", year=1990)
    credited = FilmFactory(title="Night", year=1991)
    CreditFactory.create_batch(3, film=credited)
    reviewed_long_ago = FilmFactory(title="Night", year=1992)
    ReviewFactory(film=reviewed_long_ago, published_at=now - timedelta(days=300))
    reviewed_lately = FilmFactory(title="Night", year=1993)
    ReviewFactory(film=reviewed_lately, published_at=now - timedelta(days=3))
    much_reviewed = FilmFactory(title="Night", year=1994)
    ReviewFactory.create_batch(2, film=much_reviewed, published_at=now - timedelta(days=400))
    # Drafts do not count.
    ReviewFactory.create_batch(5, film=quiet, draft=True)
    assert list(search("night").films) == [
        much_reviewed, reviewed_lately, reviewed_long_ago, credited, quiet
    ]  # fmt: skip


def test_exact_name_first_for_people_then_more_credits(db):
    busy = PersonFactory(name="Keanu Reeves Jr")
    CreditFactory.create_batch(2, person=busy)
    exact = PersonFactory(name="Keanu Reeves")
    idle = PersonFactory(name="Reeves Keanu")
    assert list(search("keanu reeves").people) == [exact, busy, idle]
    # A typo'd name still ranks its corrected spelling as exact.
    assert list(search("kenau reeves").people) == [exact, busy, idle]


def test_results_are_grouped_with_counts_and_published_reviews_only(catalogue):
    results = search("ballerina")
    assert isinstance(results, SearchResults)
    assert (results.films.total, results.people.total, results.reviews.total) == (3, 0, 1)
    assert results.total == 4
    assert titles(results.reviews) == ["Ballerina pirouettes on borrowed steps"]


def test_scheduled_reviews_appear_when_their_time_comes_without_a_save(catalogue):
    review = ReviewFactory(
        film=catalogue["ballerina"], headline="Tomorrow's pirouette", scheduled=True
    )
    assert search("tomorrow").reviews.total == 0
    # Time passes: no save, no signal.
    later = review.published_at + timedelta(minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert titles(search("tomorrow").reviews) == ["Tomorrow's pirouette"]


def test_a_review_unpublished_behind_the_index_back_is_never_shown(catalogue):
    review = ReviewFactory(film=catalogue["ballerina"], headline="Withdrawn pirouette")
    assert titles(search("withdrawn").reviews) == ["Withdrawn pirouette"]
    # A bulk update sends no signal: the index still holds it as published.
    Review.objects.filter(pk=review.pk).update(status=Review.Status.DRAFT)
    assert list(search("withdrawn").reviews) == []


def test_review_snippets_highlight_the_words_found_and_escape_the_text(catalogue):
    (review,) = search("amelie").reviews
    assert "<mark>Amélie</mark>" in review.search_snippet
    assert "delight &amp; Paris is &quot;never so green&quot;." in review.search_snippet
    (review,) = search("kenau").reviews  # a typo: the corrected word is marked
    assert "<mark>Keanu</mark>" in review.search_snippet


def test_a_snippet_is_made_once_and_only_when_used(catalogue, monkeypatch):
    made = []

    def counting_highlight(*args, **kwargs):
        made.append(args)
        return highlight(*args, **kwargs)

    monkeypatch.setattr(service, "highlight", counting_highlight)
    (review,) = search("amelie").reviews
    assert made == []
    assert "<mark>Amélie</mark>" in review.search_snippet
    assert str(review.search_snippet) == str(review.search_snippet)
    assert len(made) == 1


def test_each_group_is_paginated_and_pages_never_overlap(db):
    FilmFactory.create_batch(25, title="Storm")
    PersonFactory.create_batch(3, name="Storm Reid")
    pages = [search("storm", group="films", page=page, limit=10) for page in (1, 2, 3)]
    assert [len(results.films) for results in pages] == [10, 10, 5]
    assert [results.films.page for results in pages] == [1, 2, 3]
    assert all(results.films.num_pages == 3 for results in pages)
    assert (pages[0].films.has_previous, pages[0].films.has_next) == (False, True)
    assert (pages[2].films.has_previous, pages[2].films.has_next) == (True, False)
    ids = [film.pk for results in pages for film in results.films]
    assert sorted(ids) == sorted(Film.objects.values_list("pk", flat=True))
    # Other groups report their totals but load nothing.
    assert (pages[0].people.total, len(pages[0].people)) == (3, 0)
    # Past the end: the last page.
    past = search("storm", group="films", page=99, limit=10)
    assert past.films.page == 3
    assert [film.pk for film in past.films] == [film.pk for film in pages[2].films]
    # Without a group, every group gets the same page size.
    everything = search("storm", limit=10)
    assert (len(everything.films), everything.films.has_more) == (10, True)
    assert (len(everything.people), everything.people.has_more) == (3, False)


def test_result_groups_behave_like_lists(catalogue):
    films = search("ballerina").films
    assert isinstance(films, ResultGroup)
    assert len(films) == 3
    assert films[0] == catalogue["ballerina"]
    assert films[:1] == [catalogue["ballerina"]]
    assert list(films) == list(iter(films))
    assert bool(search("nothing at all").films) is False


def test_an_unknown_group_is_a_programming_error(db):
    with pytest.raises(ValueError, match="group must be one of"):
        search("x", group="genres")


def test_suggestions_are_films_with_their_year_and_people_best_first(catalogue):
    suggestions = suggest("balle")
    assert [(s.kind, s.label, s.year) for s in suggestions] == [
        ("film", "Ballerina", 2025),
        ("film", "Ballerina", 2016),
        ("film", "Red Sparrow", 2018),
    ]
    assert suggestions[0].url == catalogue["ballerina"].get_absolute_url()
    keanu = suggest("kea")
    assert keanu[0].as_dict() == {
        "kind": "person",
        "label": "Keanu Reeves",
        "year": None,
        "url": catalogue["keanu"].get_absolute_url(),
        "image": None,  # no headshot
    }
    assert suggest("kenau")[0].label == "Keanu Reeves"
    assert suggest("b") == []  # one letter is not worth a request


def test_at_most_eight_suggestions(db):
    FilmFactory.create_batch(6, title="Storm")
    PersonFactory.create_batch(6, name="Storm Reid")
    suggestions = suggest("sto")
    assert len(suggestions) == 8
    # Equal ranks take turns, so neither kind crowds out the other.
    assert {s.kind for s in suggestions} == {"film", "person"}


def test_queries_per_search_are_bounded_whatever_the_number_of_rows(
    catalogue, django_assert_num_queries
):
    # The vocabulary near the words, one query ranking and counting every group, and one
    # per group shown loading its rows.
    with django_assert_num_queries(4):
        search("ballerina")  # films and reviews
    FilmFactory.create_batch(30, title="Ballerina")
    ReviewFactory.create_batch(5, film=catalogue["leap"], headline="Ballerina again")
    with django_assert_num_queries(4):
        search("ballerina")
    # A typo: the vocabulary shows "balerina" cannot match as typed, so one pass with its
    # close spellings; then the rows.
    with django_assert_num_queries(4):
        search("balerina")
    # Every word is in the index, but not together: as typed, then with close spellings.
    with django_assert_num_queries(3):
        search("keanu ballerina")
    # Nothing as typed and no close spellings: the vocabulary and the query.
    with django_assert_num_queries(2):
        search("zzzzz qqqqq")
    # Words too short for typos need no vocabulary.
    with django_assert_num_queries(1):
        search("zz")
    # Suggestions: the vocabulary, the matches, and the pictures of films and people in one.
    with django_assert_num_queries(3):
        suggest("balle")
    with django_assert_num_queries(3):
        suggest("balerina")
    with django_assert_num_queries(0):
        search("!!!")


@pytest.fixture
def storms(db):
    """Films that all match "storm": in the title (ranks 0 to 2) or only in the logline, with
    different numbers of reviews so that popularity orders them."""
    films = [
        FilmFactory(title="Storm", year=2001),
        FilmFactory(title="Storm Front", year=2002),
        FilmFactory(title="The Perfect Storm", year=2003),
    ]
    for n in range(9):
        film = FilmFactory(title=f"Weather {n}", year=2010, logline="A storm is coming.")
        ReviewFactory.create_batch(n % 3, film=film)
        films.append(film)
    return films


def test_many_matches_are_counted_to_a_limit_and_ranked_as_if_all_were(
    storms, monkeypatch, django_assert_max_num_queries
):
    from search.backends.base import SearchBackend

    everything = [film.pk for film in search("storm", group="films", limit=50).films]
    assert len(everything) == 12
    monkeypatch.setattr(SearchBackend, "count_limit", 5)
    pages = [search("storm", group="films", page=page, limit=2) for page in (1, 2, 3, 4)]
    assert [film.pk for results in pages[:3] for film in results.films] == everything[:5]
    assert (pages[0].films.total, pages[0].films.total_capped) == (5, True)
    assert pages[0].films.num_pages == 3
    assert pages[3].films.page == 3  # past the last page counted: the last one
    # The vocabulary; counts and the few kinds, then the many kinds; then the films.
    with django_assert_max_num_queries(4):
        search("storm", group="films", limit=2)


def test_more_title_matches_than_the_limit_still_rank_exact_titles_first(storms, monkeypatch):
    from search.backends.base import SearchBackend

    FilmFactory.create_batch(6, title="Storm Warning", year=1990)
    monkeypatch.setattr(SearchBackend, "count_limit", 5)
    films = list(search("storm", group="films", limit=3).films)
    assert films[0] == storms[0]  # the exact title
    assert all("Storm" in film.title for film in films)


def test_suggestions_with_many_matches(storms, monkeypatch):
    from search.backends.base import SearchBackend

    monkeypatch.setattr(SearchBackend, "count_limit", 3)
    assert [s.label for s in suggest("storm")][:3] == ["Storm", "Storm Front", "The Perfect Storm"]


def test_suggestions_correct_typos_even_when_only_reviews_match_as_typed(db):
    PersonFactory(name="Keanu Reeves")
    ReviewFactory(headline="Kenau, as the poster spells him")
    assert [s.label for s in suggest("kenau")] == ["Keanu Reeves"]


@pytest.mark.parametrize(
    "picture, expected",
    [
        (None, None),
        (  # uploaded: the smallest JPEG, its height in proportion
            Picture(
                "/media/p.jpg",
                500,
                750,
                (
                    ("image/webp", "/media/p.160w.webp 160w, /media/p.320w.webp 320w"),
                    ("image/jpeg", "/media/p.320w.jpg 320w, /media/p.160w.jpg 160w"),
                ),
            ),
            {"url": "/media/p.160w.jpg", "width": 160, "height": 240},
        ),
        (  # made for the film: the only one there is
            Picture("/films/x/poster.png", 480, 720, (("image/png", "/films/x/poster.png 480w"),)),
            {"url": "/films/x/poster.png", "width": 480, "height": 720},
        ),
        (  # uploaded before sizes were kept: the original, size unknown
            Picture("/media/old.jpg", 0, 0),
            {"url": "/media/old.jpg", "width": None, "height": None},
        ),
    ],
)
def test_a_suggestions_thumbnail_is_the_smallest_rendition(picture, expected):
    assert service.thumbnail(picture) == expected
