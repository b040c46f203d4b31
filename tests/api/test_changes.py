"""The change feed: an app that mirrors the catalogue reads the lists once, then follows
/api/v1/changes/ and ends with exactly what the server shows."""

import datetime
import random

import pytest
from django.utils import timezone

from api.models import FeedEntry
from films.models import Film
from people.models import Person
from reviews.models import Review
from tests.factories import FilmFactory, PersonFactory, ReviewFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _settled_at_once(settings):
    settings.FEED_SETTLE_SECONDS = 0


def follow(api, cursor: str, limit: int = 100) -> tuple[list[dict], str]:
    """Every change after ``cursor``, page by page; the changes and the cursor to go on from."""
    changes = []
    while True:
        page = api.get("/api/v1/changes/", {"since": cursor, "limit": limit})
        assert page.status_code == 200, page.content
        body = page.json()
        changes += body["results"]
        cursor = body["next_cursor"]
        if not body["has_more"]:
            return changes, cursor


def latest(api) -> str:
    return api.get("/api/v1/changes/", {"since": "latest"}).json()["next_cursor"]


def test_created_updated_and_deleted_as_they_happened(anon_api):
    kept = FilmFactory(title="Yaaba", year=1989)
    cursor = latest(anon_api)
    kept.title = "Yaaba (restored)"
    kept.save()
    made = FilmFactory(title="Tilaï", year=1990)
    gone = PersonFactory(name="Idrissa Ouédraogo")
    gone_id = gone.pk
    gone.delete()
    changes, _ = follow(anon_api, cursor)
    assert [(c["kind"], c["id"], c["action"]) for c in changes] == [
        ("film", kept.pk, "updated"),
        ("film", made.pk, "created"),
        ("person", gone_id, "deleted"),
    ]
    assert changes[1]["slug"] == made.slug
    assert changes[1]["url"].endswith(f"/api/v1/films/{made.slug}/")
    assert changes[2]["slug"] is None and changes[2]["url"] is None


def test_one_entry_per_object_however_often_it_changed(anon_api):
    film = FilmFactory()
    cursor = latest(anon_api)
    for year in (1990, 1991, 1992):
        film.year = year
        film.save()
    changes, _ = follow(anon_api, cursor)
    assert [(c["id"], c["action"]) for c in changes] == [(film.pk, "updated")]


def test_an_unpublished_review_is_deleted_for_readers_but_not_for_editors(anon_api, editor_api):
    review = ReviewFactory()
    cursor = latest(anon_api)
    review.status = Review.Status.DRAFT
    review.published_at = None
    review.save()
    for_readers = [c for c in follow(anon_api, cursor)[0] if c["kind"] == "review"]
    assert [(c["id"], c["action"]) for c in for_readers] == [(review.pk, "deleted")]
    for_editors = [c for c in follow(editor_api, cursor)[0] if c["kind"] == "review"]
    assert [(c["id"], c["action"]) for c in for_editors] == [(review.pk, "updated")]


def test_a_scheduled_review_appears_when_it_is_published(anon_api, monkeypatch):
    cursor = latest(anon_api)
    review = ReviewFactory(published_at=timezone.now() + datetime.timedelta(hours=1))
    assert [c for c in follow(anon_api, cursor)[0] if c["kind"] == "review"] == []
    later = timezone.now() + datetime.timedelta(hours=2)
    monkeypatch.setattr(timezone, "now", lambda: later)
    reviews = [c for c in follow(anon_api, cursor)[0] if c["kind"] == "review"]
    assert [(c["id"], c["action"]) for c in reviews] == [(review.pk, "created")]


@pytest.mark.parametrize(
    ("params", "status", "field"),
    [
        ({"since": "not-a-cursor"}, 400, "since"),
        ({"since": "bGF0ZXN0fDE"}, 400, "since"),  # base64 of a cursor's shape, not a cursor
        ({"limit": "abc"}, 400, "limit"),
        ({"limit": "0"}, 400, "limit"),
        ({"limit": "1001"}, 400, "limit"),
    ],
)
def test_bad_input_is_a_400_naming_the_parameter(anon_api, params, status, field):
    response = anon_api.get("/api/v1/changes/", params)
    assert response.status_code == status
    assert field in response.json()["error"]["fields"]


def test_a_cursor_older_than_the_feed_keeps_is_gone(anon_api, settings, monkeypatch):
    cursor = latest(anon_api)
    settings.FEED_RETENTION_DAYS = 30
    later = timezone.now() + datetime.timedelta(days=31)
    monkeypatch.setattr(timezone, "now", lambda: later)
    response = anon_api.get("/api/v1/changes/", {"since": cursor})
    assert response.status_code == 410
    assert response.json()["error"]["code"] == "cursor_expired"


def test_old_entries_are_dropped_once_an_hour(settings, monkeypatch):
    settings.FEED_RETENTION_DAYS = 30
    FilmFactory()
    assert FeedEntry.objects.count() == 1
    start = timezone.now()
    for days, kinds in [(31, ["person"]), (31.01, ["person", "person"]), (31.1, ["person"])]:
        moment = start + datetime.timedelta(days=days)
        monkeypatch.setattr(timezone, "now", lambda moment=moment: moment)
        PersonFactory()
        assert list(FeedEntry.objects.values_list("kind", flat=True)) == kinds
        FeedEntry.objects.filter(kind="person").update(changed_at=start)  # make them old


def visible(api) -> dict[str, dict[int, str]]:
    """What ``api`` shows now, read from the lists: {kind: {id: title, name or headline}}."""
    shown = {}
    for kind, path, label in [
        ("film", "/api/v1/films/", "title"),
        ("person", "/api/v1/people/", "name"),
        ("review", "/api/v1/reviews/", "headline"),
    ]:
        rows, url = {}, path
        while url:
            page = api.get(url, {"page_size": 100} if url == path else None).json()
            rows |= {row["id"]: row[label] for row in page["results"]}
            url = page["next"]
        shown[kind] = rows
    return shown


LABELS = {"film": "title", "person": "name", "review": "headline"}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_mirror_follows_random_changes_exactly(anon_api, editor, seed):
    rng = random.Random(seed)
    films = FilmFactory.create_batch(15)
    PersonFactory.create_batch(8)
    for film in rng.sample(films, 6):
        ReviewFactory(film=film, author=editor, draft=rng.random() < 0.3)

    cursor = latest(anon_api)
    mirror = visible(anon_api)

    for step in range(60):
        action = rng.choice(
            ["new film", "edit film", "delete film", "new person", "rename", "delete person",
             "new review", "edit review", "unpublish", "publish", "delete review"]
        )  # fmt: skip
        reviewed = Review.objects.values_list("film_id", flat=True)
        if action == "new film":
            FilmFactory(title=f"New film {step}")
        elif action == "edit film" and (film := Film.objects.order_by("?").first()):
            film.title = f"Retitled {step}"
            film.save()
        elif action == "delete film" and (
            film := Film.objects.exclude(pk__in=reviewed).order_by("?").first()
        ):
            film.delete()
        elif action == "new person":
            PersonFactory(name=f"New person {step}")
        elif action == "rename" and (person := Person.objects.order_by("?").first()):
            person.name = f"Renamed {step}"
            person.save()
        elif action == "delete person" and (person := Person.objects.order_by("?").first()):
            person.delete()
        elif action == "new review" and (film := Film.objects.order_by("?").first()):
            ReviewFactory(film=film, author=editor, headline=f"New review {step}")
        elif action == "edit review" and (review := Review.objects.order_by("?").first()):
            review.headline = f"Rewritten {step}"
            review.save()
        elif action == "unpublish" and (review := Review.objects.published().order_by("?").first()):
            review.status, review.published_at = Review.Status.DRAFT, None
            review.save()
        elif action == "publish" and (
            review := Review.objects.filter(status=Review.Status.DRAFT).order_by("?").first()
        ):
            review.status, review.published_at = Review.Status.PUBLISHED, timezone.now()
            review.save()
        elif action == "delete review" and (review := Review.objects.order_by("?").first()):
            review.delete()

        if step % 20 == 19:  # the app syncs now and then, in small pages
            changes, cursor = follow(anon_api, cursor, limit=7)
            for change in changes:
                rows = mirror[change["kind"]]
                if change["action"] == "deleted":
                    rows.pop(change["id"], None)
                else:
                    detail = anon_api.get(change["url"])
                    assert detail.status_code == 200, change
                    rows[change["id"]] = detail.json()[LABELS[change["kind"]]]
            assert mirror == visible(anon_api), f"after step {step}"


def test_lists_show_and_filter_by_when_things_last_changed(anon_api, settings):
    old = FilmFactory(title="Old")
    FilmFactory(title="Changed")
    Film.objects.filter(pk=old.pk).update(updated_at=timezone.now() - datetime.timedelta(days=3))
    since = (timezone.now() - datetime.timedelta(days=1)).isoformat()
    rows = anon_api.get("/api/v1/films/", {"updated_since": since}).json()["results"]
    assert [row["title"] for row in rows] == ["Changed"]
    assert rows[0]["updated_at"]
    for param in ("sort", "ordering"):
        newest = anon_api.get("/api/v1/films/", {param: "-updated_at"}).json()["results"]
        assert [row["title"] for row in newest] == ["Changed", "Old"]
    for path in ("/api/v1/people/", "/api/v1/reviews/"):
        response = anon_api.get(path, {"updated_since": since, "sort": "updated_at"})
        assert response.status_code == 200
    bad = anon_api.get("/api/v1/films/", {"updated_since": "yesterday"})
    assert bad.status_code == 400 and "updated_since" in bad.json()["error"]["fields"]


def test_a_credit_or_a_still_moves_its_film_on(anon_api):
    film = FilmFactory()
    Film.objects.filter(pk=film.pk).update(updated_at=timezone.now() - datetime.timedelta(days=3))
    person = PersonFactory()
    Person.objects.filter(pk=person.pk).update(
        updated_at=timezone.now() - datetime.timedelta(days=3)
    )
    film.credits.create(person=person, role="director")
    since = timezone.now() - datetime.timedelta(minutes=1)
    assert Film.objects.get(pk=film.pk).updated_at > since  # its page shows the credit
    assert Person.objects.get(pk=person.pk).updated_at > since  # theirs too
