"""Search learns only from what is public. A word one letter off a word that only a scheduled,
unpublished or deleted review holds answers exactly as a word nobody wrote: same count, same
message, same suggestions, on the search page, the suggestions endpoint and the API. The
vocabulary (close spellings) comes from public documents alone and loses the words of
documents that leave the public index; a scheduled review still matches as typed once live."""

from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from reviews.models import Review
from search.indexing import rebuild
from search.models import SearchTerm
from search.service import search
from tests.factories import FilmFactory, PersonFactory, ReviewFactory

pytestmark = pytest.mark.django_db

SECRET = "quinceberry"  # a word only the hidden review has
NEAR_SECRET = "quinceberri"  # one letter off it
NOBODYS = "plumtreacle"  # one letter off no word of the index, the same length


@pytest.fixture(autouse=True)
def _no_throttling(settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}


@pytest.fixture
def public_catalogue():
    film = FilmFactory(title="Harbour Lights", year=2019, logline="A ferry, a storm, a ballerina.")
    PersonFactory(name="Ines Berrington")
    ReviewFactory(film=film, headline="Lights out", body="A harbour drama, quietly done.")
    return film


def scheduled(film):
    return ReviewFactory(film=film, body=f"The {SECRET} scene.", scheduled=True)


def unpublished(film):
    review = ReviewFactory(film=film, body=f"The {SECRET} scene.")
    review.status, review.published_at = Review.Status.DRAFT, None
    review.save()
    return review


def deleted(film):
    review = ReviewFactory(film=film, body=f"The {SECRET} scene.")
    review.delete()
    return review


def rescheduled(film):
    review = ReviewFactory(film=film, body=f"The {SECRET} scene.")
    review.published_at = timezone.now() + timedelta(days=7)
    review.save()
    return review


def drafted_from_the_start(film):
    return ReviewFactory(film=film, body=f"The {SECRET} scene.", draft=True)


HIDDEN_REVIEWS = [scheduled, unpublished, deleted, rescheduled, drafted_from_the_start]


def answers(client, api, query: str, stand_in: str) -> dict[str, str]:
    """What every public way of searching answers for ``query``, written as if ``stand_in``
    had been asked, so answers to different words can be compared."""
    asked = {  # name: (client, path, query)
        "page": (client, "/search/", {"q": query}),
        "one group": (client, "/search/", {"q": query, "type": "reviews"}),
        "suggestions": (client, "/search/suggest/", {"q": query}),
        "being typed": (client, "/search/suggest/", {"q": query[:-2]}),
        "api": (api, "/api/v1/search/", {"q": query}),
    }
    answered = {}
    for name, (asker, path, params) in asked.items():
        response = asker.get(path, params)
        assert response.status_code == 200
        words, stand_in_words = params["q"], stand_in[: len(params["q"]) - len(query) or None]
        answered[name] = (
            response.content.decode()
            .replace(words, stand_in_words)
            .replace(words.replace(" ", "+"), stand_in_words.replace(" ", "+"))
        )
    return answered


@pytest.mark.parametrize("hide", HIDDEN_REVIEWS, ids=lambda hide: hide.__name__)
@pytest.mark.parametrize(
    "words", [[], ["harbour"], ["lights"]], ids=["alone", "with a public word", "in a title"]
)
def test_a_near_miss_of_a_hidden_word_answers_as_a_word_nobody_wrote(
    client, public_catalogue, hide, words
):
    hide(public_catalogue)
    api = APIClient()
    near_miss = " ".join([*words, NEAR_SECRET])
    nobodys = " ".join([*words, NOBODYS])
    assert answers(client, api, near_miss, nobodys) == answers(client, api, nobodys, nobodys)
    results = search(near_miss)
    assert (results.total, results.fuzzy) == (0, False)
    assert "close spellings" not in client.get("/search/", {"q": near_miss}).content.decode()


@pytest.mark.parametrize("hide", HIDDEN_REVIEWS, ids=lambda hide: hide.__name__)
def test_a_hidden_word_costs_the_queries_of_a_word_nobody_wrote(
    public_catalogue, hide, django_assert_num_queries
):
    hide(public_catalogue)
    for query in [NEAR_SECRET, SECRET, SECRET[:6], f"harbour {SECRET}"]:
        with django_assert_num_queries(2):  # the vocabulary, one pass that finds nothing
            assert search(query).total == 0


def test_the_comparison_tells_a_close_spelling_of_a_public_word_apart(client, public_catalogue):
    api = APIClient()
    assert answers(client, api, "balerina", NOBODYS) != answers(client, api, NOBODYS, NOBODYS)
    assert search("balerina").fuzzy


def test_close_spellings_are_reported_only_when_they_find_something(public_catalogue):
    FilmFactory(title="Ballerina", year=2016, logline="An orphan in Brittany.")
    assert search("brittany balerina").fuzzy  # Ballerina (2016): its logline has both
    results = search("quietly balerina")  # close spellings exist, but not with that word
    assert (results.total, results.fuzzy) == (0, False)


def vocabulary() -> set[str]:
    return set(SearchTerm.objects.values_list("term", flat=True))


@pytest.mark.parametrize("hide", HIDDEN_REVIEWS, ids=lambda hide: hide.__name__)
def test_the_vocabulary_holds_the_words_of_public_documents_only(public_catalogue, hide):
    review = ReviewFactory(film=public_catalogue, body="Both share a quietly word.")
    hide(public_catalogue)
    assert SECRET not in vocabulary()
    assert {"harbour", "quietly", "ferry", "berrington"} <= vocabulary()
    review.delete()  # "quietly" is still in "Lights out"
    assert "quietly" in vocabulary()
    rebuild()
    assert SECRET not in vocabulary()
    assert {"harbour", "quietly", "ferry", "berrington"} <= vocabulary()


def test_a_film_or_person_that_goes_takes_only_its_own_words_along(public_catalogue):
    film = FilmFactory(title="Quagmire Saltmarsh", logline="A harbour ferry.")
    person = PersonFactory(name="Ottoline Quagmire")
    assert {"saltmarsh", "quagmire", "ottoline"} <= vocabulary()
    film.delete()
    assert "saltmarsh" not in vocabulary()
    assert {"quagmire", "harbour", "ferry"} <= vocabulary()
    person.delete()
    assert not {"quagmire", "ottoline"} & vocabulary()


def test_removing_documents_and_their_words_costs_two_queries(
    public_catalogue, django_assert_num_queries
):
    from search.indexing import reindex

    reviews = [ReviewFactory(film=public_catalogue, body=f"Word{n} and more.") for n in range(5)]
    unpublished = Review.objects.filter(pk__in=[review.pk for review in reviews])
    unpublished.update(status=Review.Status.DRAFT, published_at=None)  # no signals
    # the reviews (none now); the documents deleted, returning their words; the words pruned
    with django_assert_num_queries(3):
        reindex(reviews=[review.pk for review in reviews])
    assert not {f"word{n}" for n in range(5)} & vocabulary()
    assert "more" not in vocabulary()
    assert "harbour" in vocabulary()


def test_a_scheduled_review_matches_as_typed_once_live_without_a_save(public_catalogue):
    # "marvelous" is one edit from the public "marvellous": while the review is scheduled, it
    # is a close spelling of that; once live, it matches as typed, and only the review.
    FilmFactory(title="Marvellous Things", year=2001)
    review = ReviewFactory(
        film=public_catalogue,
        headline="A marvelous return",
        body="Quite marvelous.",
        scheduled=True,
    )
    before = search("marvelous")
    assert ([str(film) for film in before.films], before.reviews.total) == (
        ["Marvellous Things (2001)"],
        0,
    )
    assert before.fuzzy
    later = review.published_at + timedelta(minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        for query in ["marvelous", "marvelou", "a marvelous return"]:
            results = search(query)
            assert [str(item) for item in results.reviews] == ["A marvelous return"], query
            assert (results.films.total, results.fuzzy) == (0, False), query


def test_saving_a_scheduled_review_costs_what_saving_a_published_one_does(
    public_catalogue, django_assert_max_num_queries
):
    review = Review.objects.get(pk=ReviewFactory(film=public_catalogue, scheduled=True).pk)
    review.headline = "Second thoughts"
    # the UPDATE, the films and people its body mentions (two reads); the review's document,
    # whether it was public until now (it was not: nothing to prune), its write; no words, as
    # it is not public; the change feed's entry and whether it is scheduled
    with django_assert_max_num_queries(3 + 3 + 2) as captured:
        review.save()
    assert not [query for query in captured.captured_queries if "search_term" in query["sql"]]
    assert "second" not in vocabulary()
