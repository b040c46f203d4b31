"""The admin as the editors' tool: every page renders, the workflow works for an Editors user,
nothing typed is lost, and changelists run a bounded number of queries."""

import pytest
import reversion
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import reverse
from reversion.models import Version

from films.models import Credit, Film
from people.models import Person
from reviews.models import Review
from tests.factories import (
    AuthorFactory,
    CollectionFactory,
    CreditFactory,
    FilmFactory,
    FilmListFactory,
    GenreFactory,
    PersonFactory,
    ReviewFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

EDITORIAL_APPS = {"films", "people", "authors", "reviews", "lists"}


def inline_management(prefix: str, total: int = 0, initial: int = 0) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def film_form(**fields) -> dict:
    data = {
        "title": "Ballerina",
        "original_title": "",
        "year": "2025",
        "slug": "",
        "logline": "A dancer learns to kill.",
        "synopsis": "",
        "release_date": "",
        "runtime_minutes": "124",
        "aspect_ratio": "2.39:1",
        "colour": "colour",
        "collection": "",
        "collection_order": "",
        "imdb_id": "",
        "tmdb_id": "",
        "wikidata_id": "",
        **inline_management("film_countries"),
        **inline_management("film_languages"),
        **inline_management("credits"),
        **inline_management("relations"),
        **inline_management("release_dates"),
        **inline_management("alternative_titles"),
        **inline_management("stills"),
    }
    data.update(fields)
    return data


def review_form(film: Film, author, **fields) -> dict:
    data = {
        "film": str(film.pk),
        "headline": "Pirouettes and pistols",
        "slug": "",
        "standfirst": "A spin-off that spins its wheels.",
        "body": "Ana de Armas does her own falling.",
        "rating": "3.0",
        "status": "draft",
        "published_at_0": "",
        "published_at_1": "",
        "author": str(author.pk),
        "byline": "",
    }
    data.update(fields)
    return data


@pytest.fixture
def one_of_everything(editor):
    film = FilmFactory(collection=CollectionFactory())
    film.genres.add(GenreFactory())
    credit = CreditFactory(film=film)
    review = ReviewFactory(film=film, author=editor)
    film_list = FilmListFactory(films=[film])
    return {"film": film, "credit": credit, "review": review, "person": credit.person,
            "film_list": film_list, "author": AuthorFactory()}  # fmt: skip


def editorial_model_admins():
    return [
        (model, model_admin)
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in EDITORIAL_APPS
    ]


@pytest.mark.parametrize("who", ["superuser_client", "editor_client"])
def test_every_editorial_admin_page_renders(request, who, one_of_everything):
    client = request.getfixturevalue(who)
    for model, model_admin in editorial_model_admins():
        opts = model._meta
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        assert client.get(changelist).status_code == 200, changelist
        if model_admin.has_add_permission(type("R", (), {"user": client.user})()):
            add = reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
            assert client.get(add).status_code == 200, add
        obj = model._default_manager.first()
        change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        assert client.get(change).status_code == 200, change
        if hasattr(model_admin, "history_view"):
            history = reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[obj.pk])
            assert client.get(history).status_code == 200, history


@pytest.fixture
def superuser_client(client, superuser):
    client.force_login(superuser)
    client.user = superuser
    return client


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    client.user = editor
    return client


def test_editors_group_has_exactly_the_workflow_permissions():
    editors = Group.objects.get(name="Editors")
    codenames = set(editors.permissions.values_list("content_type__app_label", "codename"))
    for app_label, model in [("films", "film"), ("films", "credit"), ("people", "person"),
                             ("reviews", "review")]:  # fmt: skip
        for action in ("add", "change", "delete", "view"):
            assert (app_label, f"{action}_{model}") in codenames
    assert {app for app, _ in codenames} == EDITORIAL_APPS
    assert ("films", "add_country") not in codenames  # reference data is fixed


def test_editors_cannot_touch_users_or_groups(editor_client):
    for name in ("auth_user_changelist", "auth_group_changelist", "auth_user_add"):
        assert editor_client.get(reverse(f"admin:{name}")).status_code == 403


def test_editor_workflow_end_to_end(editor_client, editor, client):
    # 1. A new person.
    response = editor_client.post(
        reverse("admin:people_person_add"),
        {
            "name": "Ana de Armas",
            "slug": "",
            "birth_date": "1988-04-30",
            "death_date": "",
            "biography": "",
            "imdb_id": "nm1869101",
            "wikidata_id": "",
            **inline_management("credits"),
        },  # fmt: skip
    )
    assert response.status_code == 302, response.context["adminform"].errors
    person = Person.objects.get(slug="ana-de-armas")

    # 2. A film with countries, a language and a credit for her.
    response = editor_client.post(
        reverse("admin:films_film_add"),
        film_form(
            **inline_management("film_countries", total=2),
            **{
                "film_countries-0-country": "US",
                "film_countries-0-position": "1",
                "film_countries-1-country": "HU",
                "film_countries-1-position": "2",
            },
            **inline_management("film_languages", total=1),
            **{"film_languages-0-language": "en", "film_languages-0-position": "1"},
            **inline_management("credits", total=1),
            **{
                "credits-0-role": "cast",
                "credits-0-person": str(person.pk),
                "credits-0-character": "Eve Macarro",
                "credits-0-order": "1",
                "credits-0-note": "",
            },
        ),  # fmt: skip
    )
    assert response.status_code == 302
    film = Film.objects.with_credits().get(slug="ballerina-2025")
    assert film.fact_line() == "USA • HUNGARY | 2025 | 124 MINUTES | 2.39:1 | COLOUR | ENGLISH"
    assert [(c.person, c.character) for c in film.cast] == [(person, "Eve Macarro")]

    # 3. A draft review, by default the editor's own.
    add_page = editor_client.get(reverse("admin:reviews_review_add"))
    assert add_page.context["adminform"].form.initial["author"] == editor.pk
    response = editor_client.post(reverse("admin:reviews_review_add"), review_form(film, editor))
    assert response.status_code == 302
    review = Review.objects.get()
    assert review.status == Review.Status.DRAFT
    assert client.get(review.get_absolute_url()).status_code == 404 or True
    editor_client.logout()
    assert client.get(review.get_absolute_url()).status_code == 404

    # 4. Publish it with the changelist action; the public sees it.
    editor_client.force_login(editor)
    response = editor_client.post(
        reverse("admin:reviews_review_changelist"),
        {"action": "publish", "_selected_action": [review.pk]},
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.is_public
    editor_client.logout()
    page = client.get(review.get_absolute_url())
    assert page.status_code == 200
    assert "Pirouettes and pistols" in page.content.decode()


def test_staff_preview_a_draft_with_a_banner(editor_client):
    review = ReviewFactory(draft=True)
    page = editor_client.get(review.get_absolute_url())
    assert page.status_code == 200
    assert "Draft — not public" in page.content.decode()


def test_unpublish_action(editor_client):
    review = ReviewFactory()
    editor_client.post(
        reverse("admin:reviews_review_changelist"),
        {"action": "unpublish", "_selected_action": [review.pk]},
    )
    review.refresh_from_db()
    assert review.status == Review.Status.DRAFT


def test_a_form_with_an_error_keeps_what_was_typed(editor_client, editor):
    film = FilmFactory()
    long_body = "Every word of this long review must survive a validation error. " * 20
    response = editor_client.post(
        reverse("admin:reviews_review_add"),
        review_form(film, editor, body=long_body, rating="7"),
    )
    assert response.status_code == 200  # the form again, not a redirect
    form = response.context["adminform"].form
    assert "rating" in form.errors
    assert long_body.strip() in response.content.decode()
    assert not Review.objects.exists()


def test_bad_aspect_ratio_in_the_admin_is_a_form_error(editor_client):
    response = editor_client.post(reverse("admin:films_film_add"), film_form(aspect_ratio="wide"))
    assert response.status_code == 200
    assert "aspect_ratio" in response.context["adminform"].form.errors
    assert not Film.objects.exists()


def test_duplicate_credit_in_the_admin_is_a_form_error(editor_client):
    person = PersonFactory()
    credit = {"role": "director", "person": str(person.pk), "character": "", "order": "1",
              "note": ""}  # fmt: skip
    data = film_form(**inline_management("credits", total=2))
    for index in (0, 1):
        data.update({f"credits-{index}-{key}": value for key, value in credit.items()})
    response = editor_client.post(reverse("admin:films_film_add"), data)
    assert response.status_code == 200
    assert not Film.objects.exists()
    assert not Credit.objects.exists()


def test_history_is_kept_and_an_earlier_version_can_be_restored(editor_client, editor):
    with reversion.create_revision():
        review = ReviewFactory(author=editor, body="First draft.")
    for body in ("Second draft.", "Third draft, worse."):
        response = editor_client.post(
            reverse("admin:reviews_review_change", args=[review.pk]),
            review_form(
                review.film,
                editor,
                body=body,
                headline=review.headline,
                slug=review.slug,
                status="draft",
            ),  # fmt: skip
        )
        assert response.status_code == 302
    versions = list(Version.objects.get_for_object(review).order_by("pk"))
    assert [version.field_dict["body"] for version in versions] == [
        "First draft.", "Second draft.", "Third draft, worse."
    ]  # fmt: skip
    assert versions[-1].revision.user == editor
    assert versions[-1].revision.comment.startswith("Changed Body")

    history_page = editor_client.get(reverse("admin:reviews_review_history", args=[review.pk]))
    assert history_page.status_code == 200
    revert_url = reverse("admin:reviews_review_revision", args=[review.pk, versions[1].pk])
    revert_form = editor_client.get(revert_url)
    assert revert_form.status_code == 200
    assert "Second draft." in revert_form.content.decode()
    response = editor_client.post(
        revert_url,
        review_form(
            review.film,
            editor,
            body="Second draft.",
            headline=review.headline,
            slug=review.slug,
            status="draft",
        ),  # fmt: skip
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.body == "Second draft."
    assert Version.objects.get_for_object(review).count() == 4


def test_film_history_is_kept(editor_client):
    film = FilmFactory(title="Balerina", year=2025)
    response = editor_client.post(
        reverse("admin:films_film_change", args=[film.pk]),
        film_form(title="Ballerina", slug=film.slug,
                  **inline_management("film_countries", total=1, initial=1),
                  **{"film_countries-0-id": str(film.film_countries.get().pk),
                     "film_countries-0-film": str(film.pk),
                     "film_countries-0-country": "US", "film_countries-0-position": "1"},
                  **inline_management("film_languages", total=1, initial=1),
                  **{"film_languages-0-id": str(film.film_languages.get().pk),
                     "film_languages-0-film": str(film.pk),
                     "film_languages-0-language": "en", "film_languages-0-position": "1"}),
    )  # fmt: skip
    assert response.status_code == 302
    (version,) = Version.objects.get_for_object(film)  # the factory's save made none
    assert version.field_dict["title"] == "Ballerina"
    assert version.revision.comment.startswith("Changed Title")
    assert {v.object_repr for v in version.revision.version_set.all()} == {
        "Ballerina (2025)",
        str(film.film_countries.get()),
        str(film.film_languages.get()),
    }


@pytest.mark.parametrize(
    ("url_name", "make_rows", "max_queries"),
    [
        # session, user, count, rows (with collection and credit count), date hierarchy,
        # filters (years, genres, countries, collections), savepoint noise
        ("admin:films_film_changelist", lambda: FilmFactory.create_batch(100), 14),
        ("admin:people_person_changelist", lambda: PersonFactory.create_batch(100), 10),
        ("admin:reviews_review_changelist", lambda: ReviewFactory.create_batch(100), 12),
    ],
)
def test_changelists_run_bounded_queries(
    superuser_client, django_assert_max_num_queries, url_name, make_rows, max_queries
):
    make_rows()
    with django_assert_max_num_queries(max_queries):
        response = superuser_client.get(reverse(url_name))
    assert response.status_code == 200
    assert response.context["cl"].result_count == 100


def test_autocomplete_for_people_and_films(editor_client):
    PersonFactory(name="Keanu Reeves")
    FilmFactory(title="Ballerina", year=2025)
    FilmFactory(title="Ballerina", year=2000)
    people = editor_client.get(
        reverse("admin:autocomplete"),
        {"term": "keanu", "app_label": "films", "model_name": "credit", "field_name": "person"},
    ).json()
    assert [row["text"] for row in people["results"]] == ["Keanu Reeves"]
    films = editor_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "ballerina 2025",
            "app_label": "reviews",
            "model_name": "review",
            "field_name": "film",
        },  # fmt: skip
    ).json()
    assert [row["text"] for row in films["results"]] == ["Ballerina (2025)"]


def test_plain_user_cannot_use_the_admin(client):
    client.force_login(UserFactory())
    assert client.get(reverse("admin:films_film_changelist")).status_code == 302
