from django.core.management.base import BaseCommand

from sitewide.demo.loader import load_demo


class Command(BaseCommand):
    help = "Load the demo films, people, credits and reviews. Safe to run again."

    def handle(self, *args, **options):
        report = load_demo()
        if options["verbosity"] == 0:
            return
        if not report.changed:
            self.stdout.write("Demo data already loaded; nothing changed.")
            return
        for label, counts in (("Created", report.created), ("Updated", report.updated)):
            if counts:
                summary = ", ".join(f"{count} {name}" for name, count in sorted(counts.items()))
                self.stdout.write(self.style.SUCCESS(f"{label}: {summary}."))
