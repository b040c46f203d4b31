import time

from django.core.management.base import BaseCommand, CommandError

from search.indexing import REBUILD_BATCH_SIZE, rebuild


class ProgressBar:
    """A one-line bar per stage on a terminal, redrawn in place; elsewhere (logs, CI) a line
    every tenth of the way, so the output stays short."""

    width = 30

    @staticmethod
    def plain(text: str) -> str:
        return text  # not the error colour Django gives stderr

    def __init__(self, stream):
        self.stream = stream
        self.interactive = stream.isatty()
        self.reported: dict[str, int] = {}
        self.started = time.monotonic()

    def __call__(self, label: str, done: int, total: int) -> None:
        fraction = done / total if total else 1.0
        filled = round(self.width * fraction)
        bar = "#" * filled + "-" * (self.width - filled)
        line = (
            f"{label:<10} [{bar}] {fraction:4.0%} {done:,}/{total:,}"
            f" {time.monotonic() - self.started:6.1f}s"
        )
        if self.interactive:
            self.stream.write("\r" + line, self.plain, ending="\n" if done >= total else "")
            self.stream.flush()
            return
        tenth = int(fraction * 10)
        if self.reported.get(label, -1) < tenth:
            self.reported[label] = tenth
            self.stream.write(line, self.plain)


class Command(BaseCommand):
    help = (
        "Rebuild the search index from scratch from every film, person and published review, "
        "with a progress bar on stderr. Searches keep using the old index until it is done."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size",
            type=int,
            default=REBUILD_BATCH_SIZE,
            help=f"Rows read and written at a time (default {REBUILD_BATCH_SIZE}).",
        )

    def handle(self, *args, batch_size, verbosity, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        progress = ProgressBar(self.stderr) if verbosity else None
        started = time.monotonic()
        counts = rebuild(batch_size=batch_size, progress=progress)
        if verbosity:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Indexed {counts['films']:,} films, {counts['people']:,} people, "
                    f"{counts['reviews']:,} published reviews and {counts['lists']:,} lists "
                    f"({counts['terms']:,} words) "
                    f"in {time.monotonic() - started:.1f}s."
                )
            )
