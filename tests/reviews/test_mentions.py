"""Mentions: ``Title (Year)`` and full names in a review body link to their pages, the first
time only, never inside links or code, without touching the stored Markdown; the review
records what it mentions, and film and person pages list the reviews that mention them."""

from io import StringIO
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import call_command
from django.urls import reverse

from core.publishing import publish
from people.models import Person
from reviews.mentions import (
    PeopleIndex,
    film_mentions,
    link_mentions,
    name_candidates,
    refresh_mentions,
    render_body,
)
from reviews.models import Review
from tests.factories import CreditFactory, FilmFactory, PersonFactory, ReviewFactory

# Pure functions first: no database.


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It recalls Hot Fuzz (2007) at the end.", [(2007, "Hot Fuzz"), (2007, "Fuzz")]),
        (
            "She stole No Time to Die (2021) in minutes.",
            [(2021, "No Time to Die"), (2021, "Time to Die"), (2021, "Die")],
        ),
        (
            "Both Red Sparrow (2018) and Black Widow (2021) did it first.",
            [
                (2018, "Both Red Sparrow"),
                (2018, "Red Sparrow"),
                (2018, "Sparrow"),
                (2021, "Black Widow"),
                (2021, "Widow"),
            ],
        ),
        (
            "The end. John Wick: Chapter 4 (2023) is longer.",
            [
                (2023, "John Wick: Chapter 4"),
                (2023, "Wick: Chapter 4"),
                (2023, "Chapter 4"),
                (2023, "4"),
            ],
        ),
        (
            "In 2019, Parasite (2019) won.",
            [(2019, "In 2019, Parasite"), (2019, "2019, Parasite"), (2019, "Parasite")],
        ),
        ("no title here (2007)", []),
        ("Hot Fuzz(2007) needs its space", []),
        ("Hot Fuzz (1492) is too early", []),
        ("Hot Fuzz (20071) is not a year", []),
        ("Ana de Armas (Eve) fights", []),
    ],  # fmt: skip
)
def test_film_mentions(text, expected):
    found = [(m.year, title) for m in film_mentions(text) for _, title in m.titles]
    assert found == expected


@pytest.mark.parametrize(
    ("text", "longest"),
    [
        ("with Keanu Reeves.", ["Keanu Reeves"]),
        ("Ana de Armas fights", ["Ana de Armas"]),
        ("the late Lance Reddick’s concierge", ["Lance Reddick’s"]),
        ("as Samuel L. Jackson says", ["Samuel L. Jackson", "L. Jackson"]),
        (
            "when Norman Reedus (The Walking Dead) arrives",
            ["Norman Reedus", "The Walking Dead", "Walking Dead"],
        ),
        ("Keanu, Reeves and reeves", []),
        ("one Name only", []),
    ],  # fmt: skip
)
def test_name_candidates_start_with_the_longest(text, longest):
    assert [options[0].name for options in name_candidates(text)] == longest


class Page:
    """A stand-in for a film or person: something with a page."""

    def __init__(self, slug: str):
        self.pk = slug
        self.slug = slug

    def get_absolute_url(self) -> str:
        return f"/things/{self.slug}/"


HOT_FUZZ, KEANU, MALKOVICH_FILM, MALKOVICH = (
    Page("hot-fuzz-2007"),
    Page("keanu-reeves"),
    Page("being-john-malkovich-1999"),
    Page("john-malkovich"),
)


def film(title, year):
    films = {("Hot Fuzz", 2007): HOT_FUZZ, ("Being John Malkovich", 1999): MALKOVICH_FILM}
    return films.get((title, year))


def person(name):
    return {"Keanu Reeves": KEANU, "John Malkovich": MALKOVICH}.get(name)


def link(html):
    return link_mentions(html, film=film, person=person)


def test_links_the_first_mention_of_each_only():
    html, linked = link(
        "<p>Keanu Reeves met Hot Fuzz (2007).</p><p>Keanu Reeves and Hot Fuzz (2007) again.</p>"
    )
    assert html == (
        '<p><a class="mention" href="/things/keanu-reeves/">Keanu Reeves</a> met '
        '<a class="mention" href="/things/hot-fuzz-2007/">Hot Fuzz (2007)</a>.</p>'
        "<p>Keanu Reeves and Hot Fuzz (2007) again.</p>"
    )
    assert linked == [KEANU, HOT_FUZZ]


def test_a_name_ending_a_sentence_is_linked_without_its_full_stop():
    by_slug = PeopleIndex([Person(name="Keanu Reeves", slug="keanu-reeves")])
    html, _ = link_mentions("<p>Over her shoulder for Keanu Reeves.</p>", film=film, person=by_slug)
    assert html.endswith(">Keanu Reeves</a>.</p>")


def test_a_name_written_without_its_accents_links_to_the_person():
    soren = Person(name="Søren Kragh-Jacobsen", slug="sren-kragh-jacobsen")  # ø drops from slugs
    html, linked = link_mentions(
        "<p>Soren Kragh-Jacobsen directed it.</p>", film=film, person=PeopleIndex([soren])
    )
    assert linked == [soren]
    assert ">Soren Kragh-Jacobsen</a> directed it.</p>" in html


@pytest.mark.parametrize(
    "html",
    [
        '<p><a href="https://example.com">Keanu Reeves in Hot Fuzz (2007)</a></p>',
        "<p><code>Keanu Reeves; Hot Fuzz (2007)</code></p>",
        "<pre><code>Keanu Reeves\nHot Fuzz (2007)\n</code></pre>",
        '<p><a href="/x/"><em>Keanu Reeves</em> and <strong>Hot Fuzz (2007)</strong></a></p>',
    ],
)
def test_never_links_inside_links_or_code(html):
    assert link(html) == (html, [])


def test_a_mention_after_a_link_is_the_first_linkable_one():
    html, _ = link('<p><a href="/x/">Keanu Reeves</a>, then Keanu Reeves.</p>')
    assert html.endswith(
        'then <a class="mention" href="/things/keanu-reeves/">Keanu Reeves</a>.</p>'
    )


def test_a_title_wins_over_a_name_inside_it():
    html, linked = link("<p>Being John Malkovich (1999) stars John Malkovich.</p>")
    assert linked == [MALKOVICH_FILM, MALKOVICH]
    assert html.count("<a ") == 2
    assert '">Being John Malkovich (1999)</a>' in html


def test_text_and_markup_survive_untouched():
    html = "<p>Tom &amp; Jerry &lt;3 “Keanu Reeves” <em>x</em><br>y</p><hr><!-- c -->"
    linked_html, _ = link(html)
    assert linked_html == html.replace(
        "Keanu Reeves", '<a class="mention" href="/things/keanu-reeves/">Keanu Reeves</a>'
    )


def test_linked_text_is_escaped():
    class Odd(Page):
        def get_absolute_url(self):
            return '/x/?a=1&b="2"'

    html, _ = link_mentions(
        "<p>Keanu Reeves</p>", film=lambda title, year: None, person=lambda name: Odd("x")
    )
    assert html == '<p><a class="mention" href="/x/?a=1&amp;b=&quot;2&quot;">Keanu Reeves</a></p>'


# With the database.

BODY = """\
Ana De Armas does her own falling, and Keanu Reeves turns up for the last act.

The village finale plays like Hot Fuzz (2007) with flamethrowers; Keanu Reeves knows it.

See [Hot Fuzz (2007)](https://example.com/fuzz) or `No Time to Die (2021)` for more,
and No Time to Die (2021) for a better use of her. Norman is not a full name; Jo Nobody is
nobody we know. Neither is Unknown Picture (1999).
"""


@pytest.fixture
def mentioned():
    return {
        "hot_fuzz": FilmFactory(title="Hot Fuzz", year=2007),
        "no_time": FilmFactory(title="No Time to Die", year=2021),
        "other_fuzz": FilmFactory(title="Hot Fuzz", year=2008),
        "ana": PersonFactory(name="Ana de Armas"),
        "keanu": PersonFactory(name="Keanu Reeves"),
        "norman": PersonFactory(name="Norman Reedus"),
    }


@pytest.mark.django_db
def test_rendered_body_links_mentions_and_leaves_the_markdown_alone(mentioned):
    review = ReviewFactory(body=BODY)
    html = str(review.body_html)
    hot_fuzz, no_time = mentioned["hot_fuzz"], mentioned["no_time"]
    ana, keanu = mentioned["ana"], mentioned["keanu"]
    assert f'<a class="mention" href="{ana.get_absolute_url()}">Ana De Armas</a>' in html
    assert html.count(f'href="{keanu.get_absolute_url()}"') == 1
    assert html.count(f'href="{hot_fuzz.get_absolute_url()}"') == 1
    assert '<a href="https://example.com/fuzz" rel="noopener nofollow">Hot Fuzz (2007)</a>' in html
    assert "<code>No Time to Die (2021)</code>" in html
    assert (
        f'<a class="mention" href="{no_time.get_absolute_url()}">No Time to Die (2021)</a>' in html
    )
    assert mentioned["other_fuzz"].get_absolute_url() not in html
    assert mentioned["norman"].get_absolute_url() not in html
    review.refresh_from_db()
    assert review.body == BODY


@pytest.mark.django_db
def test_mentions_are_recorded_on_save_and_follow_edits(mentioned):
    review = ReviewFactory(body=BODY)
    assert set(review.mentioned_films.all()) == {mentioned["hot_fuzz"], mentioned["no_time"]}
    assert set(review.mentioned_people.all()) == {mentioned["ana"], mentioned["keanu"]}

    review.body = "Only Norman Reedus now, and Hot Fuzz (2007)."
    review.save()
    assert list(review.mentioned_films.all()) == [mentioned["hot_fuzz"]]
    assert list(review.mentioned_people.all()) == [mentioned["norman"]]


@pytest.mark.django_db
def test_saving_without_the_body_leaves_mentions_alone(mentioned):
    review = ReviewFactory(body=BODY, draft=True)
    PersonFactory(name="Jo Nobody")  # in the body, but only recorded when the body is saved
    publish(rows=Review.objects.filter(pk=review.pk))  # saves the status only
    assert review.mentioned_people.count() == 2
    review.save()
    assert review.mentioned_people.count() == 3


@pytest.mark.django_db
def test_people_sharing_a_name_are_settled_by_the_film_credits():
    first, second = PersonFactory(name="Chris Evans"), PersonFactory(name="Chris Evans")
    film = FilmFactory()
    review = ReviewFactory(film=film, body="Chris Evans is fine.")
    assert not review.mentioned_people.exists()  # which one? nobody is linked
    CreditFactory(film=film, person=second)
    review.save()
    assert list(review.mentioned_people.all()) == [second]
    assert first.slug != second.slug


@pytest.mark.django_db
def test_rendering_runs_two_queries_at_most(mentioned, django_assert_max_num_queries):
    review = Review.objects.get(pk=ReviewFactory(body=BODY * 5).pk)
    # films for the Title (Year) pairs, the people recorded as mentioned
    with django_assert_max_num_queries(2):
        html = render_body(review)
    assert "mention" in html
    plain = Review.objects.get(pk=ReviewFactory(body="Nothing to *see* here.").pk)
    with django_assert_max_num_queries(0):
        render_body(plain)


@pytest.mark.django_db
def test_film_and_person_pages_show_mentioned_in(client, mentioned, django_assert_max_num_queries):
    hot_fuzz, keanu = mentioned["hot_fuzz"], mentioned["keanu"]
    review = ReviewFactory(body=BODY, headline="Pirouettes and pistols")
    ReviewFactory(body=BODY, headline="An unpublished draft", draft=True)
    ReviewFactory(film=hot_fuzz, body="Hot Fuzz (2007) is its own film.", headline="Own review")

    html = client.get(hot_fuzz.get_absolute_url()).content.decode()
    mentioned_in = html[html.index('id="mentioned-in"') :]
    assert "Pirouettes and pistols" in mentioned_in
    assert review.get_absolute_url() in mentioned_in
    assert "An unpublished draft" not in html
    assert "Own review" not in mentioned_in  # listed under Reviews, not again

    # person, credits with films, known for, reviews that mention them
    with django_assert_max_num_queries(4):
        html = client.get(keanu.get_absolute_url()).content.decode()
    assert "Mentioned in" in html
    assert "Pirouettes and pistols" in html
    assert "An unpublished draft" not in html
    assert "Mentioned in" not in client.get(mentioned["norman"].get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_review_page_with_mentions_runs_bounded_queries(
    client, mentioned, django_assert_max_num_queries
):
    review = ReviewFactory(body=BODY)
    # review, film+collection, countries, languages, genres, credits+people,
    # films for the Title (Year) pairs, the people it mentions
    with django_assert_max_num_queries(8):
        response = client.get(review.get_absolute_url())
    assert response.content.decode().count('class="mention"') == 4


@pytest.mark.django_db
def test_admin_lists_unmatched_mentions_with_a_prefilled_add_link(editor_client, mentioned):
    review = ReviewFactory(body=BODY)
    page = editor_client.get(reverse("admin:reviews_review_change", args=[review.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    add_url = reverse("admin:films_film_add")
    assert (
        f'<li>Unknown Picture (1999) — <a href="{add_url}?title=Unknown+Picture&amp;year=1999">'
        in html
    )
    assert "Hot Fuzz (2007) —" not in html  # matched, so not offered

    query = parse_qs(urlsplit(f"{add_url}?title=Unknown+Picture&year=1999").query)
    form = editor_client.get(add_url, query).context["adminform"].form
    assert form.initial["title"] == "Unknown Picture"
    assert str(form.initial["year"]) == "1999"


@pytest.mark.django_db
def test_refresh_mentions_picks_up_films_added_later(editor_client):
    review = ReviewFactory(body="As good as Unknown Picture (1999).")
    assert not review.mentioned_films.exists()
    film = FilmFactory(title="Unknown Picture", year=1999)
    response = editor_client.post(
        reverse("admin:reviews_review_changelist"),
        {"action": "refresh_mentions", "_selected_action": [review.pk]},
    )
    assert response.status_code == 302
    assert list(review.mentioned_films.all()) == [film]
    assert refresh_mentions(reviews=Review.objects.all()) == 1


@pytest.mark.django_db
def test_demo_review_records_its_mentions():
    call_command("load_demo", stdout=StringIO())
    review = Review.objects.get(slug="ballerina-pirouettes-on-borrowed-steps")
    films = {str(film) for film in review.mentioned_films.all()}
    assert {"Hot Fuzz (2007)", "No Time to Die (2021)", "Underworld (2003)"} <= films
    people = {person.name for person in review.mentioned_people.all()}
    assert {"Len Wiseman", "Ana de Armas", "Norman Reedus", "Keanu Reeves"} <= people
