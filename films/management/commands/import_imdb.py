import gc
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, OutputWrapper

from films import imdb
from films.imdb import DatasetError
from films.imdb_import import (
    DEFAULT_BATCH_SIZE,
    MAX_BATCH_SIZE,
    ImdbFiles,
    ImportReport,
    PhaseReport,
    import_imdb,
)

ROWS = {
    imdb.TITLES: "films",
    imdb.NAMES: "people",
    imdb.PRINCIPALS: "credits",
    imdb.CREW: "credits",
    imdb.AKAS: "alternative titles",
}


class Command(BaseCommand):
    help = (
        "Import films, people and credits from IMDb's dataset files: title.basics, "
        "name.basics, title.principals and title.crew (.tsv.gz), and the films' other titles "
        "from title.akas if it is there. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths",
            nargs="+",
            type=Path,
            metavar="PATH",
            help="A directory holding the files under IMDb's names, or the files themselves "
            "(title.akas is optional).",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=DEFAULT_BATCH_SIZE,
            help=f"Rows per transaction (default {DEFAULT_BATCH_SIZE:,}, at most "
            f"{MAX_BATCH_SIZE:,}).",
        )
        parser.add_argument(
            "--resume",
            action="store_true",
            help="Carry on after the last batch an interrupted run committed.",
        )
        parser.add_argument(
            "--limit", type=int, help="Import at most this many films (and their credits)."
        )
        parser.add_argument(
            "--fast",
            action="store_true",
            help="Don't wait for the disk at each commit (SQLite synchronous=OFF, PostgreSQL "
            "synchronous_commit=off). After a crash, --resume recovers.",
        )
        parser.add_argument(
            "--offline",
            action="store_true",
            help="Nobody reads the site yet (a first import): don't update the search index "
            "and the page cache batch by batch, which takes four times as long as the import "
            "itself. Run manage.py rebuild_search_index afterwards.",
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, **options):
        if not 1 <= options["batch_size"] <= MAX_BATCH_SIZE:
            raise CommandError(f"--batch-size must be between 1 and {MAX_BATCH_SIZE:,}.")
        if options["limit"] is not None and options["limit"] < 1:
            raise CommandError("--limit must be at least 1.")
        try:
            files = ImdbFiles.find(options["paths"])
        except DatasetError as error:
            raise CommandError(error) from None
        # Django's objects from start-up live as long as the process: moved out of the garbage
        # collector's sight, they are not walked again each time the import's millions of
        # short-lived tuples trigger a collection (a tenth of the run's CPU time otherwise).
        gc.freeze()
        show_progress = options["verbosity"] > 0 and not options["no_progress"]
        progress = ProgressBar(self.stderr) if show_progress else None
        try:
            report = import_imdb(
                files=files,
                batch_size=options["batch_size"],
                resume=options["resume"],
                limit=options["limit"],
                fast=options["fast"],
                live=not options["offline"],
                on_progress=progress,
            )
        except DatasetError as error:
            raise CommandError(
                f"{error}. What was imported is kept: run again with --resume to carry on."
            ) from None
        finally:
            if progress:
                progress.finish()
        if options["verbosity"] > 0:
            self.print_summary(report)

    def print_summary(self, report: ImportReport) -> None:
        for phase in report.phases:
            self.print_phase(phase)
        written = report.rows_written
        rate = report.lines_read / report.seconds if report.seconds else 0
        self.stdout.write(
            self.style.SUCCESS(
                f"Done in {_duration(report.seconds)}: {report.lines_read:,} lines read "
                f"({rate:,.0f} a second), {written:,} rows written, "
                f"{report.malformed_count:,} malformed lines."
            )
        )
        if not report.live:
            self.stdout.write("--offline: now run manage.py rebuild_search_index.")

    def print_phase(self, phase: PhaseReport) -> None:
        name = phase.path.name
        if phase.already_done:
            self.stdout.write(f"{name}: finished by an earlier run, skipped (--resume).")
            return
        started = f", resumed after line {phase.started_after:,}" if phase.started_after > 1 else ""
        restarted = (
            " (changed since the last run, so read from the start)" if phase.restarted else ""
        )
        self.stdout.write(
            f"{name}: {phase.lines_read:,} lines in {_duration(phase.seconds)}{started}{restarted}"
        )
        self.stdout.write(
            f"  {ROWS[phase.kind]}: {phase.created:,} created, {phase.updated:,} updated, "
            f"{phase.unchanged:,} already up to date"
        )
        if phase.stopped_at_limit:
            self.stdout.write(f"  stopped at --limit after line {phase.last_line:,}")
        if phase.skipped:
            reasons = ", ".join(f"{count:,} {reason}" for reason, count in phase.skipped.items())
            self.stdout.write(f"  skipped: {reasons}")
        if phase.malformed_count:
            self.stdout.write(self.style.WARNING(f"  malformed: {phase.malformed_count:,} lines"))
            for record in phase.malformed:
                self.stdout.write(f"    line {record.line_number:,}: {record.reason}")
            if phase.malformed_count > len(phase.malformed):
                self.stdout.write(
                    f"    … and {phase.malformed_count - len(phase.malformed):,} more"
                )


class ProgressBar:
    """Progress through each file by compressed bytes read: a bar redrawn in place on a
    terminal, a line at every tenth otherwise (logs, CI)."""

    WIDTH = 30
    REDRAW_EVERY = 0.2  # seconds

    def __init__(self, stream: OutputWrapper):
        self.stream = stream
        self.interactive = stream.isatty()
        self.label = None
        self.drawn = False  # a bar is on the current line

    def __call__(self, label: str, line_number: int, bytes_read: int, size: int) -> None:
        now = time.monotonic()
        fraction = min(bytes_read / size, 1.0) if size else 1.0
        if label != self.label:  # a new file: start its clock, draw nothing yet
            self.finish()
            self.label, self.started, self.drawn_at = label, now, now
            self.tenth = min(int(fraction * 10), 9)  # a resumed file starts part-way; 100% shows
            return
        elapsed = now - self.started
        line = f"{label}: {fraction:.0%}, {line_number:,} lines, {line_number / elapsed:,.0f}/s"
        if self.interactive:
            if now - self.drawn_at >= self.REDRAW_EVERY or fraction == 1:
                self.drawn_at = now
                filled = int(fraction * self.WIDTH)
                bar = "#" * filled + "." * (self.WIDTH - filled)
                self.write(f"\r[{bar}] {line}\x1b[K", ending="")
                self.stream.flush()
                self.drawn = True
        elif int(fraction * 10) > self.tenth:
            self.tenth = int(fraction * 10)
            self.write(line)

    def write(self, text: str, ending: str = "\n") -> None:
        # Plain text: OutputWrapper would colour everything on stderr as an error.
        self.stream.write(text, style_func=lambda text: text, ending=ending)

    def finish(self) -> None:
        if self.drawn:
            self.write("")
        self.label, self.drawn = None, False


def _duration(seconds: float) -> str:
    minutes, seconds = divmod(round(seconds), 60)
    return f"{minutes} min {seconds} s" if minutes else f"{seconds} s"
