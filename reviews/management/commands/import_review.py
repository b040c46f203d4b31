"""``manage.py import_review FILE``: the admin's "Import a review" from the command line."""

import sys
from decimal import Decimal, InvalidOperation

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from reviews.importer.house_style import HouseStyleError
from reviews.importer.services import (
    NEW_PERSON,
    ImportPlan,
    ImportRefused,
    import_review,
    plan_import,
)
from reviews.models import RATINGS


class Command(BaseCommand):
    help = (
        "Import a review written in the house style: print what would be saved, then save the "
        "film, people, credits and the review (a draft unless --publish)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The review as a UTF-8 text file; - reads stdin.")
        parser.add_argument(
            "--publish", action="store_true", help="Publish the review now (needs --rating)."
        )
        parser.add_argument("--rating", help="Out of 5, in half stars: 3.5.")
        parser.add_argument(
            "--byline", help="The name printed on it. Defaults to the author's full name."
        )
        parser.add_argument("--headline", help="Defaults to the review's first sentence.")
        parser.add_argument("--dry-run", action="store_true", help="Print it; save nothing.")
        parser.add_argument(
            "--author",
            metavar="USERNAME",
            help="Who wrote it. Defaults to the first superuser.",
        )
        parser.add_argument(
            "--person",
            action="append",
            default=[],
            metavar="NAME=SLUG",
            help=f'Who a name shared by several people means: "Chris Evans=chris-evans-2", '
            f"or NAME={NEW_PERSON} for a new person. Repeatable.",
        )
        parser.add_argument(
            "--same-as",
            action="append",
            default=[],
            metavar="NAME=CODE",
            help='Which existing country or language a name nothing knows is: "BOHEMIA=CSHH". '
            "Without it, such a name is made, marked for an editor to check. Repeatable.",
        )

    def handle(self, *args, file, publish, dry_run, author, person, same_as, **options):
        text = _read(file)
        rating = _rating(options["rating"])
        choices = _choices(person, "--person", f"NAME=SLUG or NAME={NEW_PERSON}")
        codes = _choices(same_as, "--same-as", "NAME=CODE")
        try:
            plan = plan_import(text)
            plan.choose_people(choices)
            plan.choose_same_as(codes)
        except (HouseStyleError, ImportRefused) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(describe(plan))
        if dry_run:
            self.stdout.write("Dry run: nothing was saved.")
            return
        try:
            result = import_review(
                text=text,
                author=_author(author),
                person_choices=choices,
                same_as=codes,
                headline=options["headline"],
                byline=options["byline"],
                rating=rating,
                publish=publish,
            )
        except (HouseStyleError, ImportRefused) as error:
            raise CommandError(str(error)) from None
        state = "published" if result.review.is_public else result.review.get_status_display()
        verb = "Saved" if result.review_created else "Already imported"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb}: “{result.review}” ({state.lower()}, id {result.review.pk}); "
                f"{'a new film' if result.film_created else 'an existing film'}, "
                f"{len(result.people_created)} new person(s), "
                f"{len(result.credits_created)} new credit(s)."
            )
        )
        for item in result.names_created:
            kind = item._meta.verbose_name
            self.stdout.write(
                self.style.WARNING(f"New {kind}: {item} ({item.code}); check it in the admin.")
            )


def describe(plan: ImportPlan) -> str:
    """The preview, as text."""
    lines = [f"Film: {plan.title} ({plan.document.year}) — {'existing' if plan.film else 'new'}"]
    for fact in plan.facts:
        status = f"kept as {fact.current}" if fact.status == "kept" else fact.status
        lines.append(f"  {fact.label}: {fact.value} [{status}]")
    for item in plan.new_names:
        kind = item._meta.verbose_name
        lines.append(f"  New {kind}: {item} (to check; or say which it is with --same-as)")
    lines.append("Credits:")
    for credit in plan.credits:
        match = credit.match
        if match.status == "existing":
            who = f"{match.person.name} ({match.person.slug})"
        elif match.status == "new":
            who = "new person"
        else:
            slugs = ", ".join(person.slug for person in match.candidates)
            who = f"AMBIGUOUS: one of {slugs}; choose with --person"
        note = f" ({credit.line.note})" if credit.line.note else ""
        state = "on the film already" if credit.exists else "new credit"
        lines.append(
            f"  {credit.role_label} {credit.line.order}: {credit.line.name}{note} → {who}, {state}"
        )
    if plan.existing_review:
        lines.append(f"Review: imported before as “{plan.existing_review}”; no new review.")
    else:
        words = len(plan.body.split())
        lines.append(f"Review: “{plan.headline}”, {words} words")
        lines.append(f"  Standfirst: {plan.standfirst}")
    lines.extend(f"Warning: {warning}" for warning in plan.warnings)
    return "\n".join(lines)


def _read(file: str) -> str:
    try:
        if file == "-":
            return sys.stdin.read()
        with open(file, encoding="utf-8") as document:
            return document.read()
    except (OSError, UnicodeDecodeError) as error:
        raise CommandError(f"cannot read {file}: {error}") from None


def _choices(pairs: list[str], option: str, expected: str) -> dict[str, str]:
    choices = {}
    for pair in pairs:
        name, equals, value = pair.partition("=")
        if not equals or not name.strip() or not value.strip():
            raise CommandError(f"{option} expects {expected}, not “{pair}”")
        choices[name.strip()] = value.strip()
    return choices


def _rating(text: str | None) -> Decimal | None:
    if text is None:
        return None
    try:
        rating = Decimal(text)
    except InvalidOperation:
        rating = None
    if rating not in RATINGS:
        raise CommandError(f"--rating must be 0.5 to 5 in half stars, not “{text}”")
    return rating


def _author(username: str | None):
    users = get_user_model().objects.filter(is_active=True)
    if username:
        author = users.filter(username=username).first()
        if author is None:
            raise CommandError(f"no active user “{username}”")
        return author
    author = users.filter(is_superuser=True).order_by("pk").first()
    if author is None:
        raise CommandError("no superuser to be the author: pass --author USERNAME")
    return author
