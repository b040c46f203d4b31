"""``manage.py refresh_review_summaries``: bring films' stored review counts and average
ratings up to date with scheduled reviews that have come out since. Run it every minute."""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError

from reviews.services import announce_reviews_gone_live


class Command(BaseCommand):
    help = (
        "Refresh the review count and average rating of films whose scheduled reviews have "
        "gone live (a publication time passing saves nothing). Run it every minute."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--minutes",
            type=int,
            default=60,
            help="Look at reviews that went live this long ago at most (default 60).",
        )
        parser.add_argument(
            "--all", action="store_true", help="Check every film instead (after bulk writes)."
        )

    def handle(self, *, minutes: int, all: bool, verbosity: int, **options):
        if minutes < 1:
            raise CommandError("--minutes must be at least 1.")
        films = announce_reviews_gone_live(within=None if all else timedelta(minutes=minutes))
        if verbosity:
            self.stdout.write(f"Refreshed the review summary of {len(films)} films.")
