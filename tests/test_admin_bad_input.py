"""Bad input to the admin answers the admin's usual 4xx, never a 500 and never a half-saved
object: a change list's incorrect-lookup redirect (``?e=1``), a 404, a 400 page or a form error.
Each row once made a 500 on PostgreSQL, on SQLite or on both."""

import datetime

import pytest
import reversion
from django.db import connection
from django.test import Client
from reversion.models import Version

from films.models import Film
from reviews.models import Review
from tests.factories import FilmFactory, PersonFactory, ReviewFactory, UserFactory
from tests.test_admin import film_form, inline_management

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(db):
    # raise_request_exception=False: a 500 is a status to assert on, as a browser would see it.
    client = Client(raise_request_exception=False)
    client.force_login(UserFactory(username="boss", is_staff=True, is_superuser=True))
    return client


CHANGELIST_LOOKUPS = [
    # The date hierarchy builds a datetime from year, month and day.
    ("reviews/review", "published_at__year=99999999999"),  # OverflowError
    ("reviews/review", "published_at__year=9999"),  # ValueError: its end is in year 10000
    ("reviews/review", "published_at__year=9999&published_at__month=12"),
    ("reviews/review", "published_at__year=2024&published_at__month=99999999999"),
    (
        "reviews/review",
        "published_at__year=2024&published_at__month=2&published_at__day=99999999999",
    ),
    ("films/film", "created_at__year=99999999999"),
    # Lookups the query string may add beside the filters.
    ("reviews/review", "published_at__year__gt=99999999999999999999"),
    ("reviews/review", "published_at__gte=0001-01-01T00:00:00%2B01:00"),  # before year 1 in UTC
    ("reviews/review", "published_at__lt=9999-12-31T23:00:00-02:00"),  # after 9999 in UTC
    ("films/film", "title__regex=("),  # a pattern each database reads its own way
    ("people/person", "name__iregex=["),
]


@pytest.mark.parametrize(("model", "query"), CHANGELIST_LOOKUPS)
def test_impossible_lookups_are_the_incorrect_lookup_redirect(admin_client, model, query):
    ReviewFactory()
    response = admin_client.get(f"/admin/{model}/?{query}")
    assert response.status_code == 302
    assert response["Location"] == f"/admin/{model}/?e=1"
    # Asked again with e=1, the admin shows its "Database error" page rather than loop.
    assert admin_client.get(f"/admin/{model}/?{query}&e=1").status_code == 200


def test_a_number_beyond_64_bits_in_a_list_lookup(admin_client):
    review = ReviewFactory()
    response = admin_client.get(f"/admin/reviews/review/?id__in={review.pk},99999999999999999999")
    if connection.vendor == "postgresql":  # compares it as a numeric: a fair question
        assert response.status_code == 200
        assert list(response.context["cl"].result_list) == [review]
    else:  # SQLite cannot bind it: OverflowError, once a 500
        assert response.status_code == 302
        assert response["Location"] == "/admin/reviews/review/?e=1"


@pytest.mark.parametrize(
    ("offset", "expected"),
    [
        # PostgreSQL refuses offsets beyond ±15:59 (DataError); ISO 8601 allows up to ±23:59.
        ("%2B16:00", ["at 09:00"]),  # 2023-12-31T08:00Z
        ("-23:59", []),  # 2024-01-01T23:59Z
        ("%2B23:59", ["at 07:00", "at 09:00"]),  # 2023-12-31T00:01Z
    ],
)
def test_a_date_time_filter_takes_any_offset(admin_client, offset, expected):
    for hour in (7, 9):
        ReviewFactory(
            headline=f"at {hour:02}:00",
            published_at=datetime.datetime(2023, 12, 31, hour, tzinfo=datetime.UTC),
        )
    response = admin_client.get(
        f"/admin/reviews/review/?published_at__gte=2024-01-01T00:00:00{offset}"
    )
    assert response.status_code == 200
    assert sorted(review.headline for review in response.context["cl"].result_list) == expected


NUL_ADDRESSES = [
    # PostgreSQL refuses a NUL in a query: DataError.
    "/admin/autocomplete/?term=%00&app_label=reviews&model_name=review&field_name=film",
    "/admin/films/film/?q=ballerina%00",
    "/admin/people/person/?q=%00",
    "/admin/films/film/?film_countries__country__code__exact=%00",
    "/admin/films/film/a%00b/change/",
]


@pytest.mark.parametrize("path", NUL_ADDRESSES)
def test_a_nul_in_the_address_is_a_400_page(admin_client, path):
    response = admin_client.get(path)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert "We can’t read that request" in response.content.decode()


@pytest.mark.parametrize(
    "suffix",
    [
        "history/abc/",  # ValueError from the version query
        "history/%C2%B2/",  # "²": a digit to str.isdigit, not to int()
        "history/1.5/",
    ],
)
@pytest.mark.parametrize("model", ["films/film", "people/person", "reviews/review"])
def test_a_version_id_that_is_no_number_is_404(admin_client, model, suffix):
    review = ReviewFactory()
    pk = {"films/film": review.film.pk, "people/person": PersonFactory().pk}.get(model, review.pk)
    assert admin_client.get(f"/admin/{model}/{pk}/{suffix}").status_code == 404


@pytest.mark.parametrize("path", ["abc/history/", "abc/history/1/", "1.5/history/"])
def test_an_object_id_that_is_no_number_is_404_on_history_pages(admin_client, path):
    FilmFactory()
    assert admin_client.get(f"/admin/films/film/{path}").status_code == 404


def test_history_pages_still_work(admin_client):
    film = FilmFactory()
    with reversion.create_revision():
        film.save()
    version = Version.objects.get_for_object(film).get()
    assert admin_client.get(f"/admin/films/film/{film.pk}/history/").status_code == 200
    page = admin_client.get(f"/admin/films/film/{film.pk}/history/{version.pk}/")
    assert page.status_code == 200
    assert admin_client.get(f"/admin/films/film/recover/{version.pk}/").status_code == 200


@pytest.mark.parametrize("version_id", ["abc", "%C2%B2", "1.5", "99999999999999999999999"])
def test_a_recover_page_for_a_version_id_that_is_no_number_is_404(admin_client, version_id):
    assert admin_client.get(f"/admin/films/film/recover/{version_id}/").status_code == 404


@pytest.mark.parametrize(
    ("field", "value"),
    [("title", "Hot\x00Fuzz"), ("logline", "\x00"), ("year", "2007\x00"), ("colour", "\x00")],
)
def test_a_nul_in_an_admin_form_is_a_form_error_and_saves_nothing(admin_client, field, value):
    response = admin_client.post("/admin/films/film/add/", film_form(**{field: value}))
    assert response.status_code == 200
    assert field in response.context["adminform"].form.errors
    assert not Film.objects.exists()


def test_a_nul_in_a_review_body_is_a_form_error(admin_client):
    film = FilmFactory()
    data = {
        "film": str(film.pk), "headline": "Fine", "slug": "", "standfirst": "", "body": "a\x00b",
        "rating": "", "status": "draft", "published_at_0": "", "published_at_1": "",
        "author": "", "byline": "",
    }  # fmt: skip
    response = admin_client.post("/admin/reviews/review/add/", data)
    assert response.status_code == 200
    assert "body" in response.context["adminform"].form.errors
    assert not Review.objects.exists()


def inline(prefix: str, **fields) -> dict:
    return {
        **inline_management(prefix, total=1),
        **{f"{prefix}-0-{k}": v for k, v in fields.items()},
    }


@pytest.mark.parametrize(
    ("fields", "field_with_error"),
    [
        # Redisplayed, Django's autocomplete widgets looked the value up: ValueError, or on
        # PostgreSQL a DataError for a NUL.
        ({"genres": ["abc"]}, "genres"),
        ({"genres": ["1\x00"]}, "genres"),
        ({"genres": ["99999999999999999999"]}, "genres"),
        ({"collection": "abc"}, "collection"),
        (inline("credits", person="abc", role="cast", order="1"), "credits"),
        (inline("film_countries", country="U\x00S", position="1"), "film_countries"),
        (inline("film_languages", language="e\x00", position="1"), "film_languages"),
        (inline("relations", related_film="abc", kind="sequel"), "relations"),
    ],
)
def test_a_value_no_autocomplete_can_show_is_a_form_error(admin_client, fields, field_with_error):
    response = admin_client.post("/admin/films/film/add/", film_form(**fields))
    assert response.status_code == 200
    form = response.context["adminform"].form
    formsets = {
        formset.formset.prefix: formset.formset
        for formset in response.context["inline_admin_formsets"]
    }
    errors = formsets[field_with_error].errors if field_with_error in formsets else form.errors
    assert errors and any(errors), errors
    assert not Film.objects.exists()


@pytest.mark.parametrize("selected", ["abc", "1\x00", "99999999999999999999", "1.5"])
def test_an_action_on_a_selection_that_is_not_ids_is_a_400(admin_client, selected):
    film = FilmFactory()
    data = {"action": "delete_selected", "_selected_action": [str(film.pk), selected]}
    response = admin_client.post("/admin/films/film/", data)
    assert response.status_code == 400
    assert "We can’t read that request" in response.content.decode()
    assert Film.objects.filter(pk=film.pk).exists()


def test_an_action_on_ids_still_works(admin_client):
    film = FilmFactory()
    data = {"action": "delete_selected", "_selected_action": [str(film.pk)], "post": "yes"}
    assert admin_client.post("/admin/films/film/", data).status_code == 302
    assert not Film.objects.exists()


def test_a_review_for_a_film_that_is_no_id_is_a_form_error(admin_client):
    response = admin_client.post("/admin/reviews/review/add/", {"film": "abc", "headline": "x"})
    assert response.status_code == 200
    assert "film" in response.context["adminform"].form.errors
    assert not Review.objects.exists()
