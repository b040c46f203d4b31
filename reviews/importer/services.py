"""Import a house-style review: ``plan_import`` matches the document against the database and
saves nothing (the editor previews the plan); ``import_review`` saves it in one transaction.

Importing the same text again finds the film, the people, the credits and the review it made
the first time, and adds nothing.
"""

import html
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from string import ascii_lowercase, ascii_uppercase

import pysbd
import reversion
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags

from authors.models import Author
from core import changes, publishing
from core.markdown import render_markdown
from core.text import fold
from films.models import (
    FIRST_FILM_YEAR,
    LAST_FILM_YEAR,
    Country,
    Credit,
    CreditRole,
    Film,
    FilmColour,
    FilmCountry,
    FilmLanguage,
    Language,
)
from people.models import Person
from reviews.importer.house_style import (
    CreditLine,
    Facts,
    HouseStyleError,
    Limits,
    LineError,
    ReviewDocument,
    normalise,
    parse_document,
    title_case,
)
from reviews.mentions import people_named
from reviews.models import RATINGS, Review

NEW_PERSON = "new"
MAX_HEADLINE = Review._meta.get_field("headline").max_length
MAX_BYLINE = Review._meta.get_field("byline").max_length
LIMITS = Limits(
    first_year=FIRST_FILM_YEAR,
    last_year=LAST_FILM_YEAR,
    title=Film._meta.get_field("title").max_length,
    logline=Film._meta.get_field("logline").max_length,
    name=Person._meta.get_field("name").max_length,
    note=Credit._meta.get_field("note").max_length,
    character=Credit._meta.get_field("character").max_length,
)
# Names the PostgreSQL advisory lock imports take (any number no other code uses).
IMPORT_LOCK = 0x6D71_0001


class ImportRefused(Exception):
    """The document reads, but cannot be saved as it stands (e.g. a name needs a choice)."""


@dataclass
class PersonMatch:
    """A name from the document and the people it could be. ``person`` is the match (or the
    editor's choice); None means a new person will be made."""

    name: str
    candidates: list[Person]
    person: Person | None = None
    chosen: bool = False

    def __post_init__(self):
        if len(self.candidates) == 1:
            self.person = self.candidates[0]

    @property
    def status(self) -> str:
        if len(self.candidates) > 1 and not self.chosen:
            return "ambiguous"
        return "new" if self.person is None else "existing"

    def choose(self, slug: str) -> None:
        if slug == NEW_PERSON:
            self.person = None
        else:
            by_slug = {person.slug: person for person in self.candidates}
            if slug not in by_slug:
                options = ", ".join([*by_slug, NEW_PERSON])
                raise ImportRefused(f"“{self.name}”: expected one of {options}, not “{slug}”")
            self.person = by_slug[slug]
        self.chosen = True


@dataclass
class PlannedCredit:
    line: CreditLine
    match: PersonMatch
    existing: set[tuple[int, str]]  # (person id, role) the film already has

    @property
    def role_label(self) -> str:
        return CreditRole(self.line.role).label

    @property
    def exists(self) -> bool:
        person = self.match.person
        return person is not None and (person.pk, self.line.role) in self.existing


@dataclass
class Fact:
    """A fact from the footer beside what the existing film holds. ``key`` names it for
    :meth:`ImportPlan.take_facts`; ``taken`` says the text's value replaces the film's."""

    key: str
    label: str
    value: str
    current: str | None = None  # what the existing film holds; None for a new film
    taken: bool = False

    @property
    def differs(self) -> bool:
        return bool(self.current) and normalise(self.current) != normalise(self.value)

    @property
    def status(self) -> str:
        """new (a new film), added (the film lacks it), same, or, where the film holds another
        value, kept (the default: an editor may have corrected it) or taken."""
        if self.current is None:
            return "new"
        if not self.current:
            return "added"
        if not self.differs:
            return "same"
        return "taken" if self.taken else "kept"


@dataclass
class ImportPlan:
    document: ReviewDocument
    title: str
    film: Film | None
    facts: list[Fact]
    countries: list[Country]
    languages: list[Language]
    people: list[PersonMatch]
    credits: list[PlannedCredit]
    headline: str
    existing_review: Review | None
    warnings: list[str] = field(default_factory=list)
    same_as: list[tuple[Country | Language, str]] = field(default_factory=list)

    @property
    def ambiguous_people(self) -> list[PersonMatch]:
        return [match for match in self.people if match.status == "ambiguous"]

    @property
    def choosable_people(self) -> list[PersonMatch]:
        """Names that match several people, whether or not a choice was made."""
        return [match for match in self.people if len(match.candidates) > 1]

    @property
    def new_people(self) -> list[PersonMatch]:
        return [match for match in self.people if match.status == "new"]

    @property
    def new_credits(self) -> list[PlannedCredit]:
        return [credit for credit in self.credits if not credit.exists]

    @property
    def standfirst(self) -> str:
        return self.document.logline

    @property
    def body(self) -> str:
        return self.document.body

    @property
    def differing_facts(self) -> list[Fact]:
        return [fact for fact in self.facts if fact.differs]

    def take_facts(self, keys: Collection[str]) -> None:
        """Take these facts from the text where the film holds another value; keep the rest.
        A fact that no longer differs (someone changed the film since the preview) is left."""
        known = {fact.key: fact for fact in self.facts if fact.key in TAKEABLE}
        if unknown := sorted(set(keys) - set(known)):
            raise ImportRefused(
                f"“{unknown[0]}” is not a fact the text can change: expected one of "
                f"{', '.join(known)}"
            )
        for fact in self.facts:
            fact.taken = fact.key in keys and fact.differs

    @property
    def taken_facts(self) -> set[str]:
        return {fact.key for fact in self.facts if fact.taken}

    @property
    def new_names(self) -> list:
        """Countries and languages nothing knew, which the import will make."""
        return [item for item in (*self.countries, *self.languages) if item._state.adding]

    def choose_same_as(self, choices: Mapping[str, str]) -> None:
        """Say which existing country or language a new name is: ``{"BOHEMIA": "CSHH"}``.
        The import adds the name to its other names, so the next import knows it."""
        new = {normalise(item.name): item for item in self.new_names}
        for name, code in choices.items():
            item = new.get(normalise(name))
            if item is None:
                raise ImportRefused(f"“{name}” is not a new country or language of the facts")
            model = type(item)
            chosen = model.objects.filter(code=code.strip()).first()
            if chosen is None:
                kind = model._meta.verbose_name
                raise ImportRefused(f"“{name}”: there is no {kind} with the code “{code}”")
            items = self.countries if model is Country else self.languages
            if chosen in items:
                raise ImportRefused(f"“{name}”: {chosen} is in the facts already")
            items[items.index(item)] = chosen
            self.same_as.append((chosen, name))

    def choose_people(self, choices: Mapping[str, str]) -> None:
        """Settle names: ``{"Chris Evans": "chris-evans-2", "Jo Doe": "new"}``."""
        by_key = {normalise(match.name): match for match in self.people}
        for name, slug in choices.items():
            if normalise(name) not in by_key:
                raise ImportRefused(f"“{name}” is not one of the names in the credits")
            by_key[normalise(name)].choose(slug)


@dataclass
class ImportResult:
    review: Review
    review_created: bool
    film: Film
    film_created: bool
    people_created: list[Person]
    credits_created: list[Credit]
    names_created: list[Country | Language] = field(default_factory=list)
    facts_taken: list[str] = field(default_factory=list)  # labels of the facts replaced


def plan_import(text: str) -> ImportPlan:
    """Read ``text`` and match it against the database; saves nothing.

    Raises :class:`HouseStyleError` listing every line that cannot be read or that the
    database cannot hold (too long, a year out of range, a country given twice).
    """
    try:
        document = parse_document(text, limits=LIMITS)
    except HouseStyleError as error:
        # Countries or languages given twice, with the lines that cannot be read.
        if error.facts is None:
            raise
        raise HouseStyleError([*error.errors, *_countries_and_languages(error.facts)[2]]) from None
    countries, languages, errors = _countries_and_languages(document.facts)
    if errors:
        raise HouseStyleError(errors)
    film = _existing_film(document)
    hints = (document.logline, document.body)  # how the review spells a title typed in capitals
    title = film.title if film else title_case(document.title, hints=hints)

    matches: dict[str, PersonMatch] = {}
    index = people_named({credit.name for credit in document.credits})
    for credit in document.credits:
        key = normalise(credit.name)
        if key not in matches:
            matches[key] = PersonMatch(credit.name, index.matches(credit.name))
    existing = {(c.person_id, c.role) for c in film.credits.all()} if film else set()
    credits = [
        PlannedCredit(line=credit, match=matches[normalise(credit.name)], existing=existing)
        for credit in document.credits
    ]

    existing_review = None
    warnings = []
    if film:
        existing_review = Review.objects.filter(film=film, body=document.body).first()
        others = Review.objects.filter(film=film).exclude(pk=getattr(existing_review, "pk", None))
        if count := others.count():
            warnings.append(f"{film} already has {count} other review(s).")
    return ImportPlan(
        document=document,
        title=title,
        film=film,
        facts=_facts(document, title, countries, languages, film),
        countries=countries,
        languages=languages,
        people=list(matches.values()),
        credits=credits,
        headline=first_sentence(document.body),
        existing_review=existing_review,
        warnings=warnings,
    )


@reversion.create_revision()  # one version of all it saves, the film's among them
def import_review(
    *,
    text: str,
    author: AbstractBaseUser,
    person_choices: Mapping[str, str] | None = None,
    same_as: Mapping[str, str] | None = None,
    take_facts: Collection[str] = (),
    headline: str | None = None,
    byline: str | None = None,
    rating: Decimal | None = None,
    publish: bool = False,
) -> ImportResult:
    """Save the film (new, or the facts an existing one lacks), new people, new credits and
    the review, a draft unless ``publish``. All or nothing.

    ``person_choices`` settles names that match several people: name → slug, or "new".
    ``same_as`` says which existing country or language a name nothing knew is: name → code;
    any other such name is made, marked for an editor to check.
    ``take_facts`` names the facts (``Fact.key``) the text gives that replace the existing
    film's; every other fact the film holds is kept.
    ``headline`` defaults to the review's first sentence, ``byline`` to the author's profile's
    name, else their full name (never the username); the critic of that name is credited.
    Publishing needs a ``rating``, as every published review has one.
    """
    reversion.set_user(author)
    reversion.set_comment("Imported from a review's text.")
    _one_import_at_a_time()
    plan = plan_import(text)
    plan.choose_people(person_choices or {})
    plan.choose_same_as(same_as or {})
    plan.take_facts(take_facts)
    if plan.existing_review is None:  # else no review is made, and these are not used
        headline = _checked_headline(plan.headline if headline is None else headline)
        profile = Author.objects.filter(user=author).first()
        own_byline = profile.name if profile else author.get_full_name()
        byline = _checked_byline(own_byline if byline is None else byline, author)
    if rating is not None:
        rating = _checked_rating(rating)
    if publish:
        _check_ready_to_publish(plan, headline=headline, byline=byline, rating=rating)
    if ambiguous := plan.ambiguous_people:
        names = ", ".join(f"“{match.name}”" for match in ambiguous)
        raise ImportRefused(f"choose who is meant by {names}: several people have that name")

    names_created = _save_names(plan)
    film, film_created = _save_film(plan)
    people_created = []
    for match in plan.new_people:
        match.person = Person.objects.create(name=match.name)
        people_created.append(match.person)

    credits_created = []
    done = {(c.match.person.pk, c.line.role) for c in plan.credits if c.exists}
    for planned in plan.credits:
        key = (planned.match.person.pk, planned.line.role)
        if key in done:  # already on the film, or two spellings of one person
            continue
        done.add(key)
        credits_created.append(
            Credit.objects.create(
                film=film,
                person=planned.match.person,
                role=planned.line.role,
                order=planned.line.order,
                note=planned.line.note,
                character=planned.line.character,
            )
        )

    reversion.add_to_revision(film)  # saved or not, its version holds the new credits
    review, review_created = plan.existing_review, False
    if review is None:
        review = Review.objects.create(
            film=film,
            author=author,
            headline=headline,
            byline=byline,
            critic=Author.objects.filter(name=byline).order_by("pk").first(),
            standfirst=plan.standfirst,
            body=plan.body,
            rating=rating,
            status=Review.Status.PUBLISHED if publish else Review.Status.DRAFT,
            published_at=timezone.now() if publish else None,
        )
        review_created = True
    elif publish and not review.is_public:
        if review.rating is None:
            review.rating = rating
            review.save(update_fields=["rating", "updated_at"])
        publishing.publish(rows=Review.objects.filter(pk=review.pk))
        review.refresh_from_db()
    return ImportResult(
        review=review,
        review_created=review_created,
        film=film,
        film_created=film_created,
        people_created=people_created,
        credits_created=credits_created,
        names_created=names_created,
        facts_taken=[fact.label for fact in plan.facts if fact.taken],
    )


def _one_import_at_a_time() -> None:
    """Imports run one after another, each planning only once the one before has committed: of
    two editors confirming the same text at once, the second finds the film and the review the
    first saved, and adds nothing. PostgreSQL: a lock held until the transaction ends. SQLite:
    the transaction itself, begun IMMEDIATE (config/settings.py), already holds the write lock."""
    connection = transaction.get_connection()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK])


def _countries_and_languages(facts: Facts) -> tuple[list[Country], list[Language], list]:
    """The fact line's countries and languages, and the lines that name one twice."""
    errors = []
    countries = _named(facts.countries, Country, facts.line, errors)
    languages = _named(facts.languages, Language, facts.line, errors)
    return countries, languages, errors


def _named(names, model, line: int, errors: list) -> list:
    """The countries or languages of these names. A name nothing knows is a new one, unsaved
    (``new_item``): a film's country may no longer exist, its language have no common code."""
    known = model.objects.by_name(key=normalise)
    found = []
    for name in names:
        item = known.get(normalise(name)) or new_item(model, name)
        if any(normalise(str(other)) == normalise(str(item)) for other in found):
            errors.append(
                LineError(line, f"the {model._meta.verbose_name} “{name}” is given twice")
            )
        else:
            found.append(item)
    return found


def new_item(model, name: str):
    """A country or language an import will make, for an editor to check; its code is given
    when it is saved (``_save_new_items``)."""
    cased = title_case(name)
    extra = {"short_name": cased} if model is Country else {}
    return model(name=cased, needs_check=True, **extra)


def _existing_film(document: ReviewDocument) -> Film | None:
    """The film of that title (or original title) and year, compared without case or
    accents; the oldest if, wrongly, there are two."""
    key = normalise(document.title)
    same_year = Film.objects.filter(year=document.year).only("title", "original_title")
    matches = [
        film.pk
        for film in same_year.order_by("id")
        if key in {normalise(film.title), normalise(film.original_title)}
    ]
    return Film.objects.with_credits().get(pk=matches[0]) if matches else None


def _facts(document, title, countries, languages, film: Film | None) -> list[Fact]:
    facts = document.facts

    def current(value) -> str | None:
        return None if film is None else value

    rows = [
        Fact("title", "Title", title, current(film and film.title)),
        Fact("year", "Year", str(document.year), current(film and str(film.year))),
        Fact("logline", "Logline", document.logline, current(film and film.logline)),
    ]
    if countries:
        rows.append(
            Fact(
                "countries",
                "Countries",
                " • ".join(_shown(country, country.short_name) for country in countries),
                current(film and " • ".join(c.short_name for c in film.ordered_countries)),
            )
        )
    if facts.runtime_minutes:
        runtime = f"{film.runtime_minutes} minutes" if film and film.runtime_minutes else ""
        rows.append(
            Fact("runtime_minutes", "Runtime", f"{facts.runtime_minutes} minutes", current(runtime))
        )
    if facts.aspect_ratio:
        rows.append(
            Fact(
                "aspect_ratio",
                "Aspect ratio",
                facts.aspect_ratio,
                current(film and film.aspect_ratio),
            )
        )
    if facts.colour:
        rows.append(
            Fact(
                "colour",
                "Colour",
                FilmColour(facts.colour).label,
                current(film and (film.get_colour_display() if film.colour else "")),
            )
        )
    if languages:
        rows.append(
            Fact(
                "languages",
                "Languages",
                " • ".join(_shown(language, language.name) for language in languages),
                current(film and " • ".join(lang.name for lang in film.ordered_languages)),
            )
        )
    return rows


def _shown(item, name: str) -> str:
    return f"{name} (new)" if item._state.adding else name


def _save_film(plan: ImportPlan) -> tuple[Film, bool]:
    """A new film with every fact, or the existing one given the facts it lacks and those the
    editor chose to take from the text; the others are kept (an editor may have corrected
    them since)."""
    facts = plan.document.facts
    values = {
        "logline": plan.document.logline,
        "runtime_minutes": facts.runtime_minutes,
        "aspect_ratio": facts.aspect_ratio,
        "colour": facts.colour,
    }
    film = plan.film
    created = film is None
    taken = plan.taken_facts
    if created:
        film = Film.objects.create(title=plan.title, year=plan.document.year, **values)
    else:
        changed = [
            name
            for name, value in values.items()
            if value and (name in taken or not getattr(film, name))
        ]
        for name in changed:
            setattr(film, name, values[name])
        if changed:
            film.save(update_fields=[*changed, "updated_at"])
    if plan.countries and (created or not film.ordered_countries or "countries" in taken):
        if "countries" in taken:
            FilmCountry.objects.filter(film=film).delete()
        FilmCountry.objects.bulk_create(
            FilmCountry(film=film, country=country, position=position)
            for position, country in enumerate(plan.countries, start=1)
        )
    if plan.languages and (created or not film.ordered_languages or "languages" in taken):
        if "languages" in taken:
            FilmLanguage.objects.filter(film=film).delete()
        FilmLanguage.objects.bulk_create(
            FilmLanguage(film=film, language=language, position=position)
            for position, language in enumerate(plan.languages, start=1)
        )
    if plan.countries or plan.languages:
        changes.record(films=[film.pk])  # bulk writes send no signals: the film's pages
    return film, created


def _save_names(plan: ImportPlan) -> list[Country | Language]:
    """Make the countries and languages nothing knew, each under a code of ISO's ranges for
    local use (XAA to XZZ; qaa to qtz); add names the editor matched to their other names."""
    created = plan.new_names
    for item in created:
        item.code = _free_code(type(item), item.name)
        item.save(force_insert=True)
    for item, name in plan.same_as:
        item.other_names = "\n".join([*item.other_names.splitlines(), name])
        item.save(update_fields=["other_names"])
    return created


def _free_code(model, name: str) -> str:
    if model is Country:  # its initials first: Bohemia is XBO
        initials = "".join(char for char in fold(name).upper() if "A" <= char <= "Z")[:2]
        codes = [f"X{initials}"] if len(initials) == 2 else []
        codes += [f"X{a}{b}" for a in ascii_uppercase for b in ascii_uppercase]
    else:
        codes = [f"q{a}{b}" for a in "abcdefghijklmnopqrst" for b in ascii_lowercase]
    taken = set(model.objects.filter(code__in=codes).values_list("code", flat=True))
    for code in codes:
        if code not in taken:
            return code
    raise ImportRefused(f"every code for a new {model._meta.verbose_name} is taken")


# Facts an import may change on an existing film; the title and year are how it was found.
TAKEABLE = ("logline", "countries", "runtime_minutes", "aspect_ratio", "colour", "languages")


@cache
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False)


def first_sentence(body: str) -> str:
    """The review's first sentence as plain text, for its headline: Markdown and a final full
    stop dropped, cut at a word to fit the headline."""
    first_paragraph = body.strip().split("\n\n", 1)[0]
    text = " ".join(html.unescape(strip_tags(render_markdown(first_paragraph))).split())
    sentences = _segmenter().segment(text) if text else []
    sentence = sentences[0].strip() if sentences else ""
    if sentence.endswith(".") and not sentence.endswith(".."):
        sentence = sentence[:-1].rstrip()
    if len(sentence) > MAX_HEADLINE:
        cut = sentence[: MAX_HEADLINE - 1]  # room for the ellipsis
        if sentence[MAX_HEADLINE - 1] != " " and " " in cut:  # not half a word
            cut = cut.rsplit(" ", 1)[0]
        sentence = cut.rstrip(",;:—–- ") + "…"
    return sentence


def _check_ready_to_publish(plan: ImportPlan, *, headline, byline, rating) -> None:
    """Publishing asks what the review's own rule asks (headline, rating, byline, body); the
    house style carries no rating, so a review is published only with one given."""
    existing = plan.existing_review
    review = Review(  # what would be published; unsaved
        headline=existing.headline if existing else headline,
        byline=existing.byline if existing else byline,
        body=existing.body if existing else plan.body,
        rating=existing.rating if existing and existing.rating is not None else rating,
    )
    if missing := review.missing_for_publication():
        raise ImportRefused(
            f"not ready to publish: {Review.describe_missing(missing)}; "
            "give them, or import the review as a draft"
        )


def _checked_rating(rating) -> Decimal:
    try:
        value = Decimal(str(rating))
    except InvalidOperation:
        value = None
    if value not in RATINGS:
        raise ImportRefused(f"expected a rating from 0.5 to 5 in half stars, not “{rating}”")
    return value


def _checked_headline(headline: str) -> str:
    headline = " ".join(headline.split())
    if not headline:
        raise ImportRefused("the headline is empty: give one")
    if len(headline) > MAX_HEADLINE:
        raise ImportRefused(f"expected a headline of at most {MAX_HEADLINE} characters")
    return headline


def _checked_byline(byline: str, author: AbstractBaseUser) -> str:
    byline = " ".join(byline.split())
    if not byline:
        raise ImportRefused(
            f"the byline is empty and {author.get_username()} has no full name: give a byline"
        )
    if len(byline) > MAX_BYLINE:
        raise ImportRefused(f"expected a byline of at most {MAX_BYLINE} characters")
    return byline
