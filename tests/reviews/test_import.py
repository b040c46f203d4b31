"""Importing a house-style review: the service (plan, then one all-or-nothing save) and the
admin's paste → preview → confirm page over it."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.urls import reverse

from films.models import Country, Credit, CreditRole, Film, FilmColour, FilmCountry, FilmLanguage
from people.models import Person
from reviews.importer import house_style, services
from reviews.importer.house_style import HouseStyleError
from reviews.importer.services import ImportRefused, import_review, plan_import
from reviews.importer.views import digest
from reviews.models import Review
from tests.factories import (
    AuthorFactory,
    CreditFactory,
    EditorFactory,
    FilmFactory,
    PersonFactory,
    ReviewFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

# A review in the house style, written for these tests (the facts are Ballerina's).
DOCUMENT = """\
BALLERINA (2025)
A dancer raised by assassins goes looking for the men who killed her father.

A dancer raised by assassins goes looking for the men who killed her father.
Ballerina spends its first hour explaining itself and its second hour setting things on fire.
Ana de Armas commits to every fall, and the film is best when Ian McShane is in the room.
The snowbound village finale borrows the cheerful menace of Hot Fuzz (2007).
Keanu Reeves appears late, as if to check on the family business.
USA • HUNGARY | 2025 | 124 MINUTES | 2.39:1 | COLOUR | ENGLISH
director: Len Wiseman.
writer: Shay Hatten (based on characters created by Derek Kolstad).
starring: Ana de Armas, Anjelica Huston, Gabriel Byrne, Lance Reddick, Norman Reedus, Ian McShane & Keanu Reeves.
"""  # noqa: E501 - the house style keeps a credit on one line
# The review's first sentence, without its full stop.
HEADLINE = (
    "Ballerina spends its first hour explaining itself and its second hour setting things on fire"
)
CAST = [
    "Ana de Armas", "Anjelica Huston", "Gabriel Byrne", "Lance Reddick", "Norman Reedus",
    "Ian McShane", "Keanu Reeves",
]  # fmt: skip


def counts() -> dict[str, int]:
    return {
        "films": Film.objects.count(),
        "people": Person.objects.count(),
        "credits": Credit.objects.count(),
        "reviews": Review.objects.count(),
    }


NOTHING = {"films": 0, "people": 0, "credits": 0, "reviews": 0}


# The service.


def test_the_parser_spells_roles_and_colours_as_the_models_store_them():
    assert {house_style.DIRECTOR, house_style.WRITER, house_style.SOURCE, house_style.CAST} <= set(
        CreditRole.values
    )
    assert set(house_style.COLOURS.values()) == set(FilmColour.values)


def test_plan_of_a_new_film_saves_nothing():
    plan = plan_import(DOCUMENT)
    assert counts() == NOTHING
    assert plan.film is None
    assert plan.title == "Ballerina"  # cased as the review spells it
    assert [(fact.label, fact.value, fact.status) for fact in plan.facts] == [
        ("Title", "Ballerina", "new"),
        ("Year", "2025", "new"),
        ("Logline", plan.document.logline, "new"),
        ("Countries", "USA • Hungary", "new"),
        ("Runtime", "124 minutes", "new"),
        ("Aspect ratio", "2.39:1", "new"),
        ("Colour", "Colour", "new"),
        ("Languages", "English", "new"),
    ]
    assert [match.status for match in plan.people] == ["new"] * 10
    assert (plan.headline, plan.standfirst) == (HEADLINE, plan.document.logline)
    assert plan.body.startswith("Ballerina spends its first hour")


def test_import_saves_the_film_people_credits_and_a_draft(editor):
    hot_fuzz = FilmFactory(title="Hot Fuzz", year=2007)
    result = import_review(text=DOCUMENT, author=editor)

    film = Film.objects.with_credits().get(pk=result.film.pk)
    assert (film.title, film.year, film.slug) == ("Ballerina", 2025, "ballerina-2025")
    assert film.fact_line() == "USA • HUNGARY | 2025 | 124 MINUTES | 2.39:1 | COLOUR | ENGLISH"
    assert (
        film.logline
        == "A dancer raised by assassins goes looking for the men who killed her father."
    )
    assert [c.person.name for c in film.directors] == ["Len Wiseman"]
    assert [c.person.name for c in film.writers] == ["Shay Hatten"]
    assert [(c.person.name, c.note) for c in film.source_credits] == [
        ("Derek Kolstad", "based on characters created by")
    ]
    assert [(c.person.name, c.order) for c in film.cast] == [
        (name, order) for order, name in enumerate(CAST, start=1)
    ]
    assert Person.objects.get(name="Ana de Armas").slug == "ana-de-armas"

    review = result.review
    assert review.status == Review.Status.DRAFT
    assert review.published_at is None
    assert (review.film, review.author, review.headline) == (film, editor, HEADLINE)
    assert review.byline == editor.get_full_name() != editor.username
    assert review.standfirst == film.logline
    assert review.body.count("\n\n") == 3
    # Its mentions are recorded like any other save: Hot Fuzz and the people just made.
    assert list(review.mentioned_films.all()) == [hot_fuzz]
    assert {p.name for p in review.mentioned_people.all()} == {
        "Ana de Armas", "Ian McShane", "Keanu Reeves"
    }  # fmt: skip
    assert result.film_created and result.review_created
    assert len(result.people_created) == 10
    assert len(result.credits_created) == 10


def test_an_editor_with_an_author_profile_is_credited_as_its_critic(editor):
    profile = AuthorFactory(name="Nora Castellan", user=editor)
    review = import_review(text=DOCUMENT, author=editor).review
    assert (review.byline, review.critic) == ("Nora Castellan", profile)


def test_a_byline_given_credits_the_critic_of_that_name(editor):
    tomas = AuthorFactory(name="Tomás Ferreira")
    review = import_review(text=DOCUMENT, author=editor, byline="Tomás Ferreira").review
    assert review.critic == tomas
    other = import_review(text=DOCUMENT.replace("2025", "2024"), author=editor, byline="Guest")
    assert (other.review.byline, other.review.critic) == ("Guest", None)


def test_reimporting_the_same_text_duplicates_nothing(editor):
    import_review(text=DOCUMENT, author=editor)
    before = counts()
    result = import_review(text=DOCUMENT, author=editor)
    assert counts() == before
    assert not result.film_created and not result.review_created
    assert result.people_created == [] and result.credits_created == []
    plan = plan_import(DOCUMENT)
    assert plan.existing_review == result.review
    assert {fact.status for fact in plan.facts} == {"same"}
    assert all(credit.exists for credit in plan.credits)


def test_existing_film_and_people_are_matched_without_case_or_accents(editor):
    film = FilmFactory(title="Ballerina", year=2025, runtime_minutes=None, aspect_ratio="1.85:1")
    ana = PersonFactory(name="Ana De Armas")
    keanu = PersonFactory(name="KEANU REEVES")
    wiseman = PersonFactory(name="Lén Wisemán")
    CreditFactory(film=film, person=keanu, character="John Wick", order=9)
    text = DOCUMENT.replace("BALLERINA (2025)", "BALLÉRINA (2025)")

    plan = plan_import(text)
    assert plan.film == film
    facts = {fact.label: (fact.status, fact.current) for fact in plan.facts}
    assert facts["Runtime"] == ("added", "")
    assert facts["Aspect ratio"] == ("kept", "1.85:1")  # an editor's value is not overwritten
    assert facts["Countries"] == ("kept", "USA")  # the film has countries already
    assert facts["Colour"] == ("same", "Colour")
    matches = {match.name: match for match in plan.people}
    assert matches["Ana de Armas"].person == ana
    assert matches["Keanu Reeves"].person == keanu
    assert matches["Len Wiseman"].person == wiseman
    assert matches["Gabriel Byrne"].status == "new"

    result = import_review(text=text, author=editor)
    film.refresh_from_db()
    assert (film.runtime_minutes, film.aspect_ratio) == (124, "1.85:1")
    assert not result.film_created
    # Keanu Reeves already had a cast credit (with a character): not made twice.
    assert Credit.objects.filter(film=film, person=keanu).count() == 1
    assert Person.objects.filter(name__iexact="ana de armas").count() == 1
    assert len(result.people_created) == 7


def test_an_existing_title_is_matched_when_typed_without_its_special_letters():
    island = FilmFactory(title="Øen i fuglegaden", year=1997)
    text = DOCUMENT.replace("BALLERINA (2025)", "OEN I FUGLEGADEN (1997)").replace(
        "| 2025 |", "| 1997 |"
    )
    assert plan_import(text).film == island


def test_a_person_is_matched_by_slug():
    jeunet = PersonFactory(name="Jean Pierre Jeunet")
    plan = plan_import(DOCUMENT.replace("Len Wiseman", "Jean-Pierre Jeunet"))
    assert plan.people[0].person == jeunet


def test_a_name_several_people_share_must_be_chosen(editor):
    first, second = PersonFactory(name="Keanu Reeves"), PersonFactory(name="Keanu Reeves")
    plan = plan_import(DOCUMENT)
    (ambiguous,) = plan.ambiguous_people
    assert ambiguous.candidates == [first, second]

    with pytest.raises(ImportRefused, match="choose who is meant by “Keanu Reeves”"):
        import_review(text=DOCUMENT, author=editor)
    assert counts()["films"] == 0

    with pytest.raises(ImportRefused, match="expected one of keanu-reeves, keanu-reeves-2, new"):
        import_review(text=DOCUMENT, author=editor, person_choices={"Keanu Reeves": "nobody"})
    with pytest.raises(ImportRefused, match="not one of the names"):
        import_review(text=DOCUMENT, author=editor, person_choices={"Jo Doe": "new"})

    result = import_review(
        text=DOCUMENT, author=editor, person_choices={"keanu reeves": second.slug}
    )
    assert Credit.objects.get(
        film=result.film, role="cast", person__name="Keanu Reeves"
    ).person == (second)


def test_choosing_new_makes_another_person(editor):
    PersonFactory(name="Keanu Reeves")
    PersonFactory(name="Keanu Reeves")
    import_review(text=DOCUMENT, author=editor, person_choices={"Keanu Reeves": "new"})
    assert Person.objects.filter(name="Keanu Reeves").count() == 3


@pytest.mark.parametrize(
    ("change", "error"),
    [
        (
            ("USA • HUNGARY", "USA • UNITED STATES"),
            "line 9: the country “UNITED STATES” is given twice",
        ),
        (("| ENGLISH", "| ENGLISH • ENG"), "line 9: the language “ENG” is given twice"),
        (("(2025)", "(1850)"), "line 1: expected a year from 1870 to 2100, not 1850"),
        (
            ("A dancer raised", "A dancer " + "very " * 60 + "raised"),
            "line 2: expected a one-sentence logline of at most 300 characters",
        ),
        (
            ("director: Len Wiseman.", "director: Len" + " Wiseman" * 30 + "."),
            "line 10: expected a name of at most 200 characters",
        ),
        (
            ("director: Len Wiseman.", "director: Len Wiseman"),  # a line that reads is fine
            None,
        ),
    ],  # fmt: skip
)
def test_what_only_the_database_knows_is_reported_by_line(change, error, editor):
    text = DOCUMENT.replace(*change)
    if change[0] == "(2025)":
        text = text.replace("| 2025 |", "| 1850 |")
    if error is None:
        import_review(text=text, author=editor)
        return
    with pytest.raises(HouseStyleError) as raised:
        import_review(text=text, author=editor)
    assert str(raised.value).startswith(error)
    assert counts() == NOTHING


def test_a_failure_part_way_saves_nothing(editor, monkeypatch):
    def broken(**fields):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(services.Review.objects, "create", broken)
    with pytest.raises(RuntimeError):
        import_review(text=DOCUMENT, author=editor)
    assert counts() == NOTHING


def test_publishing_needs_a_rating_else_nothing_is_saved(editor):
    with pytest.raises(ImportRefused, match="not ready to publish: no rating; give them"):
        import_review(text=DOCUMENT, author=editor, publish=True)
    assert counts() == NOTHING

    for nonsense in ("3.3", "six", "0"):
        with pytest.raises(ImportRefused, match="expected a rating from 0.5 to 5"):
            import_review(text=DOCUMENT, author=editor, publish=True, rating=nonsense)
    assert counts() == NOTHING

    review = import_review(text=DOCUMENT, author=editor, publish=True, rating="3.5").review
    assert review.is_public
    assert (review.headline, review.byline, str(review.rating)) == (
        HEADLINE, editor.get_full_name(), "3.5"
    )  # fmt: skip
    assert review.body


# The admin page.

IMPORT_URL = "/admin/reviews/review/import/"


def preview(client, text=DOCUMENT, **fields):
    return client.post(IMPORT_URL, {"text": text, "preview": "Preview", **fields})


def confirm(client, text=DOCUMENT, **fields):
    """Confirm as the preview's form would: with its headline and byline."""
    return client.post(
        IMPORT_URL,
        {
            "text": text,
            "previewed": digest(text),
            "confirm": "Confirm",
            "headline": HEADLINE,
            "byline": "Sam Critic",
            **fields,
        },
    )


def test_the_changelist_links_to_the_import_page(editor_client):
    html = editor_client.get(reverse("admin:reviews_review_changelist")).content.decode()
    assert f'<a href="{IMPORT_URL}">Import a review</a>' in html
    assert reverse("admin:reviews_review_import") == IMPORT_URL
    assert editor_client.get(IMPORT_URL).status_code == 200


def test_staff_without_the_editors_permissions_cannot_import(client):
    viewer = UserFactory(username="viewer", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_review"))
    client.force_login(viewer)
    html = client.get(reverse("admin:reviews_review_changelist")).content.decode()
    assert "Import a review" not in html
    assert client.get(IMPORT_URL).status_code == 403
    assert confirm(client).status_code == 403
    assert counts() == NOTHING


def test_preview_then_confirm(editor_client, editor):
    existing = PersonFactory(name="Ian McShane")
    response = preview(editor_client)
    html = response.content.decode()
    assert response.status_code == 200
    assert counts() == {**NOTHING, "people": 1}
    assert "Film: Ballerina (2025)" in html
    assert "USA • Hungary" in html
    assert f'href="/admin/people/person/{existing.pk}/change/">Ian McShane</a>' in html
    assert html.count('<td data-label="Person" class="status status-new">') == 9  # to be made
    assert f'name="headline" value="{HEADLINE}"' in html
    assert f'name="byline" value="{editor.get_full_name()}"' in html
    assert "<p>Ballerina spends its first hour" in html
    assert 'name="confirm"' in html

    response = confirm(editor_client)
    review = Review.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:reviews_review_change", args=[review.pk])
    assert (review.status, review.author) == (Review.Status.DRAFT, editor)
    assert counts() == {"films": 1, "people": 10, "credits": 10, "reviews": 1}
    messages = [str(m) for m in editor_client.get(response["Location"]).context["messages"]]
    assert messages == ["Imported: saved the film Ballerina (2025), 9 new person(s), "
                        "10 credit(s), the review as a draft."]  # fmt: skip


def test_cancel_saves_nothing(editor_client):
    preview(editor_client)
    response = editor_client.post(IMPORT_URL, {"text": DOCUMENT, "cancel": "Cancel"})
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:reviews_review_changelist")
    assert counts() == NOTHING


def test_reimport_in_the_admin_duplicates_nothing(editor_client):
    confirm(editor_client)
    before = counts()
    html = preview(editor_client).content.decode()
    assert "This text was imported before" in html
    assert "already on the film" in html
    response = confirm(editor_client)
    assert response.status_code == 302
    assert counts() == before


def test_ambiguous_people_are_chosen_in_the_preview(editor_client):
    first, second = PersonFactory(name="Keanu Reeves"), PersonFactory(name="Keanu Reeves")
    html = preview(editor_client).content.decode()
    assert "ambiguous: choose below" in html
    assert 'value="keanu-reeves-2"' in html
    assert 'value="new"' in html

    response = confirm(editor_client)  # no choice made
    assert response.status_code == 200
    assert "Choose who “Keanu Reeves” is." in response.content.decode()
    assert counts()["reviews"] == 0

    response = confirm(editor_client, **{"person-0": second.slug})
    assert response.status_code == 302
    credit = Credit.objects.get(role="cast", person__name="Keanu Reeves")
    assert credit.person == second
    assert not first.credits.exists()


@pytest.mark.parametrize("submit", [preview, confirm])
def test_a_bad_line_is_reported_by_number_and_nothing_is_saved(editor_client, submit):
    text = DOCUMENT.replace("| 2.39:1 |", "| 2.39 |").replace("USA •", "NARNIA •")
    response = submit(editor_client, text)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nothing was saved: this line could not be read." in html
    assert "<strong>Line 9</strong> <code>NARNIA • HUNGARY | 2025 | 124 MINUTES | 2.39 |" in html
    assert "<li>Expected countries, the year" in html
    assert 'name="confirm"' not in html
    assert counts() == NOTHING


def test_an_unknown_country_is_offered_as_new_or_as_one_that_exists(editor_client):
    text = DOCUMENT.replace("USA •", "NARNIA •")
    html = preview(editor_client, text).content.decode()
    assert "Narnia (new) • Hungary" in html
    assert "Narnia (country)" in html and 'name="same-as-0"' in html

    refused = confirm(editor_client, text, **{"same-as-0": "ZZZ"})
    assert "There is no country with the code “ZZZ”." in refused.content.decode()
    assert counts() == NOTHING

    response = confirm(editor_client, text, **{"same-as-0": "US"})
    assert response.status_code == 302
    film = Film.objects.get()
    assert [country.code for country in film.ordered_countries] == ["US", "HU"]
    assert "Narnia" in Country.objects.get(code="US").other_names.splitlines()
    assert "Narnia" not in preview(editor_client, text).content.decode()  # known now


def test_an_unknown_country_and_language_are_made_for_an_editor_to_check(editor_client):
    text = DOCUMENT.replace("USA •", "NARNIA •").replace("| ENGLISH", "| ENGLISH • TELMARINE")
    response = confirm(editor_client, text)
    assert response.status_code == 302
    film = Film.objects.get()
    narnia, telmarine = film.ordered_countries[0], film.ordered_languages[1]
    assert (narnia.code, narnia.short_name, narnia.needs_check) == ("XNA", "Narnia", True)
    assert (telmarine.code, telmarine.name, telmarine.needs_check) == ("qaa", "Telmarine", True)
    message = editor_client.get(response.url).content.decode()
    assert "Narnia (country XNA), Telmarine (language qaa), new: check them in the admin" in (
        message
    )


def test_a_confirm_of_text_changed_since_the_preview_previews_it_again(editor_client):
    changed = DOCUMENT.replace("Len Wiseman", "Chad Stahelski")
    response = editor_client.post(
        IMPORT_URL, {"text": changed, "previewed": digest(DOCUMENT), "confirm": "Confirm"}
    )
    assert response.status_code == 200
    assert "The text changed after the preview" in response.content.decode()
    assert counts() == NOTHING


@pytest.mark.parametrize("text", ["", "x" * 100_001, "BALLERINA (2025)\x00"])
def test_nonsense_is_a_form_error_not_a_500(editor_client, text):
    response = confirm(editor_client, text)
    assert response.status_code == 200
    assert counts() == NOTHING


def test_crlf_line_endings_from_a_browser_are_fine(editor_client):
    response = confirm(editor_client, DOCUMENT.replace("\n", "\r\n"))
    assert response.status_code == 302
    assert Film.objects.get().runtime_minutes == 124


def test_review_change_page_shows_the_imported_review(editor_client):
    confirm(editor_client)
    review = Review.objects.get()
    ReviewFactory(film=review.film)
    page = editor_client.get(reverse("admin:reviews_review_change", args=[review.pk]))
    assert page.status_code == 200
    assert "Keanu Reeves" in page.content.decode()  # mentioned people, read-only


# Facts that differ from the film's: kept unless the editor takes them, fact by fact.


def differing_film():
    """Ballerina on file with another logline, runtime and countries; the same colour."""
    return FilmFactory(
        title="Ballerina",
        year=2025,
        logline="A ballet student with a past goes after a cult.",
        runtime_minutes=125,
        aspect_ratio="2.39:1",
        countries=["US"],
    )


def test_differing_facts_are_listed_and_kept_by_default(editor):
    film = differing_film()
    plan = plan_import(DOCUMENT)
    assert [(f.key, f.status) for f in plan.differing_facts] == [
        ("logline", "kept"), ("countries", "kept"), ("runtime_minutes", "kept")
    ]  # fmt: skip
    import_review(text=DOCUMENT, author=editor)
    film = Film.objects.get(pk=film.pk)
    assert (film.logline, film.runtime_minutes) == (
        "A ballet student with a past goes after a cult.", 125
    )  # fmt: skip
    assert [country.code for country in film.ordered_countries] == ["US"]


def test_exactly_the_chosen_facts_are_taken(editor):
    film = differing_film()
    result = import_review(text=DOCUMENT, author=editor, take_facts={"logline", "countries"})
    film = Film.objects.get(pk=film.pk)
    assert film.logline.startswith("A dancer raised by assassins")  # taken
    assert [country.code for country in film.ordered_countries] == ["US", "HU"]  # taken
    assert film.runtime_minutes == 125  # kept
    assert result.facts_taken == ["Logline", "Countries"]
    assert {fact.status for fact in plan_import(DOCUMENT).facts} == {"same", "kept"}


def test_taking_a_fact_that_cannot_change_is_refused_and_saves_nothing(editor):
    differing_film()
    before = counts()
    with pytest.raises(ImportRefused, match="“year” is not a fact the text can change"):
        import_review(text=DOCUMENT, author=editor, take_facts={"logline", "year"})
    assert counts() == before
    assert Film.objects.get().logline == "A ballet student with a past goes after a cult."


def test_the_preview_offers_a_box_per_differing_fact_and_confirm_takes_the_ticked(editor_client):
    film = differing_film()
    html = preview(editor_client).content.decode()
    boxes = re.findall(r'<input type="checkbox" name="take-([a-z_]+)"[^>]*>', html)
    assert boxes == ["logline", "countries", "runtime_minutes"]
    assert "checked" not in "".join(re.findall(r'<input type="checkbox"[^>]*>', html))
    assert "kept as" not in html
    assert '<label for="id_take-logline">Take the new logline</label>' in html

    response = confirm(editor_client, **{"take-runtime_minutes": "on"})
    assert response.status_code == 302
    film = Film.objects.get(pk=film.pk)
    assert film.runtime_minutes == 124  # taken
    assert film.logline == "A ballet student with a past goes after a cult."  # kept
    message = [str(m) for m in editor_client.get(response["Location"]).context["messages"]]
    assert "the film's runtime from the text" in message[0]


def test_a_second_preview_of_the_same_text_keeps_the_editors_choices(editor_client):
    differing_film()
    html = editor_client.post(
        IMPORT_URL,
        {
            "text": DOCUMENT,
            "previewed": digest(DOCUMENT),
            "preview": "Preview again",
            "take-logline": "on",
            "headline": "Edited",
            "byline": "Sam Critic",
        },
    ).content.decode()
    assert re.search(r'name="take-logline" id="id_take-logline" checked', html)
    assert 'name="headline" value="Edited"' in html
    changed = DOCUMENT.replace("Len Wiseman", "Chad Stahelski")
    html = editor_client.post(
        IMPORT_URL,
        {"text": changed, "previewed": digest(DOCUMENT), "preview": "x", "take-logline": "on"},
    ).content.decode()
    assert not re.search(r'name="take-logline" id="id_take-logline" checked', html)
    assert f'name="headline" value="{HEADLINE}"' in html


# Headline and byline.


def test_the_headline_and_byline_are_edited_in_the_preview(editor_client):
    response = confirm(
        editor_client, headline="  A dancer  with a flamethrower ", byline="S. Critic"
    )
    assert response.status_code == 302
    review = Review.objects.get()
    assert (review.headline, review.byline) == ("A dancer with a flamethrower", "S. Critic")
    assert review.slug == "a-dancer-with-a-flamethrower"


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"headline": ""}, "Give the review a headline."),
        ({"headline": "x" * 201}, "Ensure this value has at most 200 characters"),
        ({"byline": ""}, "Give the name to print on the review."),
        ({"take-logline": "on", "byline": ""}, "Give the name to print on the review."),
    ],
)
def test_a_bad_headline_or_byline_is_a_form_error_and_saves_nothing(editor_client, fields, error):
    response = confirm(editor_client, **fields)
    assert response.status_code == 200
    assert error in response.content.decode()
    assert counts() == NOTHING


def test_the_byline_is_never_the_username(client):
    nameless = EditorFactory(username="desk", first_name="", last_name="")
    client.force_login(nameless)
    html = preview(client).content.decode()
    byline_input = re.search(r'<input[^>]*name="byline"[^>]*>', html).group()
    assert "value=" not in byline_input  # empty, for the editor to fill
    response = confirm(client, byline="")
    assert "Give the name to print on the review." in response.content.decode()
    with pytest.raises(ImportRefused, match="desk has no full name: give a byline"):
        import_review(text=DOCUMENT, author=nameless)
    assert counts() == NOTHING
    import_review(text=DOCUMENT, author=nameless, byline="Desk Editor")
    assert Review.objects.get().byline == "Desk Editor"


@pytest.mark.parametrize(
    ("body", "headline"),
    [
        ("Mr. Jeunet's *Paris* is a postcard. It knows it.", "Mr. Jeunet’s Paris is a postcard"),
        ("Is it good? It is.", "Is it good?"),
        ("> A quotation comes first. Then more.\n\nThe rest.", "A quotation comes first"),
        ("Robert Downey Jr. is in it. So is everyone.", "Robert Downey Jr. is in it"),
        ("Word " * 60 + "end.", ("Word " * 40).strip() + "…"),
        ("Words " * 60 + "end.", ("Words " * 33).strip() + "…"),
        ("x" * 300 + ".", "x" * 199 + "…"),
    ],
)
def test_the_proposed_headline_is_the_first_sentence(body, headline):
    assert services.first_sentence(body) == headline


# Bad input saves nothing, and every line is reported at once.


def test_lines_the_database_cannot_hold_are_reported_with_those_that_cannot_be_read(editor_client):
    text = (
        DOCUMENT.replace("A dancer raised", "A dancer " + "very " * 60 + "raised", 1)
        .replace("USA • HUNGARY", "USA • UNITED STATES")
        .replace("director: Len Wiseman.", "directed by Len Wiseman.")
        .replace("Keanu Reeves.", "Keanu Reeves (as " + "John " * 60 + "Wick).")
    )
    html = confirm(editor_client, text).content.decode()
    assert "Nothing was saved: these 4 lines could not be read." in html
    found = re.findall(r"<strong>Line (\d+)</strong>", html)
    assert found == ["2", "9", "10", "12"]
    assert "<li>Expected a one-sentence logline of at most 300 characters" in html
    assert "<li>The country “UNITED STATES” is given twice</li>" in html
    assert "<li>Expected a character of at most 200 characters</li>" in html
    assert counts() == NOTHING


def test_the_example_shows_on_the_empty_form_only(editor_client):
    html = editor_client.get(IMPORT_URL).content.decode()
    assert "<pre>THE QUIET HARBOUR (2024)\nA retired ferry captain" in html
    assert "THE QUIET HARBOUR" not in preview(editor_client).content.decode()
    assert "THE QUIET HARBOUR" in preview(editor_client, "BALLERINA").content.decode()


# What an import costs.

COMMIT_HOOKS = 10  # the change event: search documents and terms (6), the API's feed (4)
# The session, its user, the user's and its groups' permissions (4); the preview's plan (4).
ADMIN_REQUEST = 8
# The kinds of rows an import's revision (django-reversion) holds; which of them still exist
# (6), the revision and its versions (2).
VERSIONED = (Film, FilmCountry, FilmLanguage, Person, Credit, Review)
REVISION = 6 + 2


def test_query_count_of_an_import(editor, django_assert_num_queries):
    hot_fuzz = FilmFactory(title="Hot Fuzz", year=2007)
    PersonFactory(name="Keanu Reeves")
    # Plan: countries, languages, films of the year, the people named (4). The film: its
    # slug and row, and for its version its genres and 7 kinds of followed rows (10); its
    # countries and languages (2). Each of 9 new people: slug, row (18). Each of 10 credits:
    # row, and touching the person and the film (30). The film's version again, its credits
    # now among its rows (8). The review: the editor's author profile,
    # the critic of its byline, slug, row (4); its mentions of films and of people
    # (8), which its version reads at its save and after each kind is added (6). The
    # revision (REVISION). The savepoint and its release (2); the change event at commit.
    ContentType.objects.get_for_models(*VERSIONED)  # cached for the process, so not counted
    expected = 4 + 10 + 2 + 18 + 30 + 8 + 4 + 8 + 6 + REVISION + 2 + COMMIT_HOOKS
    if connection.vendor == "postgresql":
        expected += 1  # the advisory lock imports take one at a time
    with django_assert_num_queries(expected):
        result = import_review(text=DOCUMENT, author=editor)
    assert result.review.mentioned_films.get() == hot_fuzz


def test_query_count_of_the_admins_confirm(editor_client, django_assert_num_queries):
    # The import as above, with 10 new people and no film to mention: the review's mentions
    # of people (6), which its version reads at its save and once they are added (4).
    ContentType.objects.get_for_models(*VERSIONED)
    expected = 4 + 10 + 2 + 20 + 30 + 8 + 4 + 6 + 4 + REVISION + 2 + COMMIT_HOOKS + ADMIN_REQUEST
    if connection.vendor == "postgresql":
        expected += 1
    with django_assert_num_queries(expected):
        response = confirm(editor_client)
    assert response.status_code == 302


def test_publishing_a_reimported_draft_gives_it_the_rating(editor):
    draft = import_review(text=DOCUMENT, author=editor).review
    with pytest.raises(ImportRefused, match="not ready to publish: no rating"):
        import_review(text=DOCUMENT, author=editor, publish=True)
    review = import_review(text=DOCUMENT, author=editor, publish=True, rating="4.0").review
    assert review.pk == draft.pk
    assert (review.is_public, str(review.rating)) == (True, "4.0")
