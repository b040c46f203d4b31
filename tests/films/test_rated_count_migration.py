"""films 0015 fills each film's stored count of rated published reviews from the reviews."""

import pytest

from tests.conftest import migrate, restore_reference_data
from tests.factories import FilmFactory, ReviewFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_migration_counts_published_reviews_with_a_rating():
    restore_reference_data()
    heat, ran = FilmFactory(), FilmFactory()
    ReviewFactory(film=heat, rating="4.0")
    ReviewFactory(film=heat, rating="3.5")
    ReviewFactory(film=heat, rating=None)
    ReviewFactory(film=heat, draft=True, rating="2.0")
    ReviewFactory(film=heat, scheduled=True, rating="1.0")
    try:
        apps = migrate([("films", "0014_drop_simple_history")])
        fields = {field.name for field in apps.get_model("films", "Film")._meta.fields}
        assert "rated_review_count" not in fields
        films = migrate().get_model("films", "Film").objects
        counts = dict(films.values_list("pk", "rated_review_count"))
    finally:
        migrate()
    assert (counts[heat.pk], counts[ran.pk]) == (2, 0)
