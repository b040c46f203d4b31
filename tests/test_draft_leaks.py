"""No reader who may not see drafts sees anything of a draft or a scheduled review, by any
path: every HTML list and detail, every API list, detail, filter, ordering and expansion,
search, the feed, the sitemap, "Mentioned in", and films' review counts and averages.

One table of paths, read by an anonymous reader, a signed-in reader and a staff account
without permissions (staff alone grants no preview: reviews.models.ReviewQuerySet.visible_to).
"""

from dataclasses import dataclass

import pytest

from reviews.models import Review
from tests.factories import (
    AuthorFactory,
    EditorFactory,
    FilmFactory,
    PersonFactory,
    ReviewFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

# Words only the draft and the scheduled review hold: headline, standfirst, body and byline.
HIDDEN_WORDS = [
    "zanzibar", "quokka", "confidential", "perambulating", "xylophonists", "frumious",
    "yonder", "marmoset", "embargoed", "snorkelling", "ptarmigans", "wabbajack", "vexworth",
]  # fmt: skip


@pytest.fixture(autouse=True)
def _no_throttling(settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}


@pytest.fixture
def catalogue() -> dict[str, str]:
    """A public review, and a draft and a scheduled review (rated 5, on a film of their own)
    that mention a film and a person; the slugs the paths below name."""
    public_film = FilmFactory(title="Harbour Lights", year=2019)
    hidden_film = FilmFactory(title="Cobalt Orchard", year=2018)
    mentioned_film = FilmFactory(title="Velvet Lantern", year=2011)
    person = PersonFactory(name="Marguerite Oyelaran")
    critic = AuthorFactory(name="Harriet Stanhope")  # of all three: her page lists one
    ReviewFactory(
        film=public_film,
        critic=critic,
        headline="Lights out",
        standfirst="A quiet one.",
        body="Nothing like Velvet Lantern (2011); Marguerite Oyelaran would agree.",
        rating="2.0",
    )
    hidden = {"film": hidden_film, "byline": "Ottoline Vexworth", "rating": "5.0", "critic": critic}
    draft = ReviewFactory(
        headline="Zanzibar quokka confidential",
        standfirst="Perambulating xylophonists abound.",
        body="Marguerite Oyelaran shines in Velvet Lantern (2011), frumious as ever.",
        draft=True,
        **hidden,
    )
    scheduled = ReviewFactory(
        headline="Yonder marmoset embargoed",
        standfirst="Snorkelling ptarmigans galore.",
        body="Marguerite Oyelaran again, and Velvet Lantern (2011): wabbajack.",
        scheduled=True,
        **hidden,
    )
    assert Review.objects.filter(mentioned_people=person).count() == 3  # the mentions exist
    return {
        "public_film": public_film.slug,
        "hidden_film": hidden_film.slug,
        "mentioned_film": mentioned_film.slug,
        "person": person.slug,
        "draft": draft.slug,
        "scheduled": scheduled.slug,
        "critic": critic.slug,
    }


@dataclass(frozen=True)
class Path:
    url: str
    status: int = 200
    # Also must not appear: e.g. the film whose only reviews are hidden, where lists are
    # filtered by having reviews.
    also_hidden: tuple[str, ...] = ()
    # Must appear: what the public may see (a count of published reviews only).
    shows: tuple[str, ...] = ()
    # This slug comes before the hidden film's: ordering by rating counts published reviews.
    ranked_first: str = ""


HIDDEN_FILM = ("{hidden_film}", "Cobalt Orchard")
PATHS = [
    # The site
    Path("/"),
    Path("/reviews/"),
    Path("/reviews/?rating=5.0"),
    Path("/reviews/{draft}/", 404),
    Path("/reviews/{scheduled}/", 404),
    Path("/films/{hidden_film}/"),
    Path("/films/{mentioned_film}/", shows=("Mentioned in", "Lights out")),
    Path("/people/{person}/", shows=("Mentioned in", "Lights out")),
    Path("/films/", also_hidden=("of 2 reviews",)),
    Path("/films/?has_review=true", also_hidden=HIDDEN_FILM),
    Path("/films/?sort=-rating", ranked_first="{public_film}"),
    Path("/authors/", shows=("Harriet Stanhope", "1 review<")),
    Path("/authors/{critic}/", shows=("Lights out", "1 review<")),
    Path("/feeds/reviews/", shows=("Lights out",)),
    Path("/sitemap.xml", shows=("/reviews/lights-out/",)),
    # The API
    Path("/api/v1/reviews/", shows=("Lights out",)),
    Path("/api/v1/reviews/?film={hidden_film}", shows=('"count":0',)),
    Path("/api/v1/reviews/?sort=-rating"),
    Path("/api/v1/reviews/?rating_min=5", shows=('"count":0',)),
    Path("/api/v1/reviews/?author=Ottoline%20Vexworth", shows=('"count":0',)),
    Path("/api/v1/reviews/?critic={critic}", shows=('"count":1',)),
    Path("/api/v1/reviews/{draft}/", 404),
    Path("/api/v1/reviews/{scheduled}/", 404),
    Path("/api/v1/films/"),
    Path("/api/v1/films/?has_review=true", also_hidden=HIDDEN_FILM),
    Path("/api/v1/films/?rating_min=5", also_hidden=HIDDEN_FILM),
    Path("/api/v1/films/?sort=-rating", ranked_first="{public_film}"),
    Path("/api/v1/films/?expand=reviews"),
    Path(
        "/api/v1/films/{hidden_film}/",
        shows=('"review_summary":{"count":0,"average_rating":null}',),
    ),
    Path("/api/v1/films/{hidden_film}/?expand=reviews", shows=('"reviews":[]',)),
    Path("/api/v1/films/{mentioned_film}/", shows=("Lights out",)),
    Path("/api/v1/people/{person}/", shows=("Lights out",)),
]
# Search, for each hidden word: the page, one group, the header's suggestions and the API.
SEARCHES = [
    Path(url.format(word=word))
    for word in HIDDEN_WORDS
    for url in [
        "/search/?q={word}",
        "/search/?q={word}&type=reviews",
        "/search/suggest/?q={word}",
        "/api/v1/search/?q={word}",
    ]
]

READERS = {
    "anonymous": None,
    "signed-in reader": {},
    "staff without permissions": {"is_staff": True},
}


@pytest.mark.parametrize("reader", READERS)
def test_no_path_shows_a_draft_or_a_scheduled_review(client, catalogue, reader):
    if READERS[reader] is not None:
        client.force_login(UserFactory(**READERS[reader]))
    leaks = []
    for path in PATHS + SEARCHES:
        url = path.url.format(**catalogue)
        response = client.get(url)
        content = response.content.decode().lower()
        if response.status_code != path.status:
            leaks.append((url, f"status {response.status_code}"))
        # Pages show back what was asked (og:url, a search's words): no leak in itself.
        path_asked, _, query = url.partition("?")
        content = content.replace(path_asked, "")
        if "q=" in query:
            content = content.replace(query.rpartition("q=")[2].split("&")[0], "")
        hidden = [*HIDDEN_WORDS, catalogue["draft"], catalogue["scheduled"], *path.also_hidden]
        leaks += [(url, word) for word in hidden if word.format(**catalogue).lower() in content]
        leaks += [(url, f"missing {shown}") for shown in path.shows if shown.lower() not in content]
        if path.ranked_first:
            first, hidden_film = path.ranked_first.format(**catalogue), catalogue["hidden_film"]
            if not content.index(first) < content.index(hidden_film):
                leaks.append((url, f"{hidden_film} ranked above {first}"))
    assert leaks == [], "\n".join(map(str, leaks))


def test_the_table_sees_what_editors_see(client, catalogue):
    """The paths that editors' previews reach show the hidden words, so the table above would
    catch them if anyone else saw them."""
    client.force_login(EditorFactory())
    for name in ("draft", "scheduled"):
        for url in (f"/reviews/{catalogue[name]}/", f"/api/v1/reviews/{catalogue[name]}/"):
            response = client.get(url)
            assert response.status_code == 200
            assert "vexworth" in response.content.decode().lower()
    listed = client.get("/api/v1/reviews/?author=Ottoline%20Vexworth").json()
    assert listed["count"] == 2
    assert not Review.objects.get(slug=catalogue["scheduled"]).is_public
