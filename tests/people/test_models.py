import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from people.models import Person
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_slug_from_name_with_numbered_collisions():
    slugs = [PersonFactory(name="Ana de Armas").slug for _ in range(3)]
    assert slugs == ["ana-de-armas", "ana-de-armas-2", "ana-de-armas-3"]


def test_slug_drops_accents():
    assert PersonFactory(name="Léa Seydoux").slug == "lea-seydoux"


def test_slug_of_a_name_without_latin_letters_still_works():
    assert PersonFactory(name="黒澤明").slug == "person"


@pytest.mark.parametrize(
    ("field", "value"),
    [("imdb_id", "tt0000206"), ("imdb_id", "nm12"), ("wikidata_id", "Q0"), ("wikidata_id", "P31")],
)
def test_bad_ids_fail_validation(field, value):
    with pytest.raises(ValidationError) as error:
        PersonFactory.build(**{field: value}).full_clean()
    assert field in error.value.message_dict


def test_database_refuses_a_bad_imdb_id():
    person = PersonFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.filter(pk=person.pk).update(imdb_id="keanu")


def test_ids_unique_when_present():
    PersonFactory(imdb_id="nm0000206", wikidata_id="Q43416")
    with pytest.raises(ValidationError) as error:
        PersonFactory.build(imdb_id="nm0000206", wikidata_id="Q43416").full_clean()
    assert "Another person already has this IMDb id." in str(error.value)
    assert "Another person already has this Wikidata id." in str(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        PersonFactory(imdb_id="nm0000206")


def test_death_before_birth_is_refused():
    person = PersonFactory.build(birth_date="1962-06-07", death_date="1950-01-01")
    with pytest.raises(ValidationError, match="cannot come before"):
        person.full_clean()


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Keanu Reeves", "KR"),
        ("Ana de Armas", "AA"),
        ("Madonna", "M"),
        ("50 Cent", "5C"),
        ("Bong Joon-ho", "BJ"),
        ("Émilie Dequenne", "ÉD"),
        ("“Weird” Al Yankovic", "AY"),
        ("  ", ""),
    ],
)
def test_initials_are_the_first_and_last_words_first_letters(name, expected):
    assert Person(name=name).initials == expected
