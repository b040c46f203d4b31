from django.core.management.base import BaseCommand

from films import reference
from films.models import Country, Language


class Command(BaseCommand):
    help = "Add the countries and languages of the installed pycountry that are not here yet."

    def handle(self, *args, **options):
        countries, languages = reference.sync(Country, Language)
        self.stdout.write(f"Added {countries} countries and {languages} languages.")
