import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from films.models import Credit, Film, FilmRelation
from tests.factories import CreditFactory, FilmFactory, PersonFactory, ReviewFactory

pytestmark = pytest.mark.django_db


def test_slug_is_title_and_year_and_never_collides():
    first = FilmFactory(title="Ballerina", year=2025)
    second = FilmFactory(title="Ballerina", year=2025)
    assert first.slug == "ballerina-2025"
    assert second.slug == "ballerina-2025-2"
    assert first.get_absolute_url() == "/films/ballerina-2025/"


def test_fact_line_in_house_style():
    film = FilmFactory(
        year=2025, runtime_minutes=124, countries=["US", "HU"], languages=["en", "fr"]
    )
    film = Film.objects.with_facts().get(pk=film.pk)
    assert (
        film.fact_line()
        == "USA • HUNGARY | 2025 | 124 MINUTES | 2.39:1 | COLOUR | ENGLISH • FRENCH"
    )


def test_fact_line_skips_missing_facts():
    film = FilmFactory(year=1950, runtime_minutes=None, aspect_ratio="", colour="")
    assert Film.objects.with_facts().get(pk=film.pk).fact_line() == "USA | 1950 | ENGLISH"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("aspect_ratio", "wide"),
        ("aspect_ratio", "2.39"),
        ("imdb_id", "nm0000206"),
        ("imdb_id", "tt12"),
        ("wikidata_id", "43416"),
        ("runtime_minutes", 0),
        ("year", 1700),
        ("slug", "not a slug"),
    ],
)
def test_bad_values_fail_validation(field, value):
    film = FilmFactory.build(**{field: value})
    with pytest.raises(ValidationError) as error:
        film.full_clean()
    assert field in error.value.message_dict


@pytest.mark.parametrize(
    ("field", "value"),
    [("aspect_ratio", "wide"), ("imdb_id", "x1"), ("runtime_minutes", 0), ("colour", "sepia")],
)
def test_database_refuses_bad_values_that_skip_validation(field, value):
    film = FilmFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Film.objects.filter(pk=film.pk).update(**{field: value})


def test_external_ids_are_unique_when_present():
    FilmFactory(imdb_id="tt7181546", tmdb_id=541671)
    FilmFactory(imdb_id="")  # blank ids never collide
    FilmFactory(imdb_id="")
    duplicate = FilmFactory.build(imdb_id="tt7181546")
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "Another film already has this IMDb id." in str(error.value)


def test_duplicate_credit_is_refused_by_validation_and_database():
    credit = CreditFactory(role=Credit.Role.CAST, character="Charon")
    twin = Credit(film=credit.film, person=credit.person, role="cast", character="Charon")
    with pytest.raises(ValidationError, match="already has this credit"):
        twin.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        twin.save()
    # The same person may play a second character, or also direct.
    Credit.objects.create(film=credit.film, person=credit.person, role="cast", character="Twin")
    Credit.objects.create(film=credit.film, person=credit.person, role="director")


def test_only_cast_credits_have_a_character():
    credit = CreditFactory.build(role=Credit.Role.DIRECTOR, character="Boss")
    with pytest.raises(ValidationError) as error:
        credit.full_clean()
    assert "character" in error.value.message_dict


def test_a_film_cannot_be_related_to_itself():
    film = FilmFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        FilmRelation.objects.create(film=film, related_film=film, kind="sequel-of")


def test_deleting_a_film_with_credits_or_reviews_is_refused():
    credited = CreditFactory().film
    reviewed = ReviewFactory().film
    for film in (credited, reviewed):
        with pytest.raises(ProtectedError):
            film.delete()
        assert Film.objects.filter(pk=film.pk).exists()


def test_deleting_a_person_with_credits_is_refused():
    person = PersonFactory()
    CreditFactory(person=person)
    with pytest.raises(ProtectedError):
        person.delete()


def test_credits_by_role_reads_prefetched_rows(django_assert_num_queries):
    film = FilmFactory()
    director = CreditFactory(film=film, role="director", character="")
    CreditFactory.create_batch(3, film=film)
    film = Film.objects.with_credits().get(pk=film.pk)
    with django_assert_num_queries(0):
        assert film.directors == [director]
        assert [credit.order for credit in film.cast] == sorted(c.order for c in film.cast)
        assert film.crew == []
