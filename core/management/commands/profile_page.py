"""``manage.py profile_page /films/some-film/``: where an uncached page's time goes.

Serves the page in this process (Django's test client, page and fragment caches off) a number
of times and splits each request's time by what it was doing: SQL, building and compiling
ORM queries, rendering templates, reversing URLs, serializing for the API, rendering Markdown.
Each part counts its own time only: a template that runs a query counts the query as SQL.
"""

import statistics
import time
from contextlib import ExitStack, contextmanager
from unittest import mock

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.test import Client, override_settings

# (part, object, method name): each method's own time, less the other parts' inside it.
PARTS = [
    ("ORM build+compile", "django.db.models.sql.compiler.SQLCompiler", "as_sql"),
    ("templates", "django_jinja.backend.Template", "render"),  # the public pages
    ("templates", "django.template.base.Template", "render"),  # the admin's
    ("reverse()", "django.urls.resolvers.URLResolver", "_reverse_with_prefix"),
    ("DRF serializers", "rest_framework.serializers.Serializer", "to_representation"),
    ("DRF serializers", "rest_framework.serializers.ListSerializer", "to_representation"),
    ("JSON", "rest_framework.renderers.JSONRenderer", "render"),
    ("Markdown", "markdown.core.Markdown", "convert"),
]


class Clock:
    """Exclusive time per part: a stack of running parts, each charged its time less its
    children's."""

    def __init__(self):
        self.totals: dict[str, float] = {}
        self.stack: list[list] = []

    @contextmanager
    def part(self, name: str):
        frame = [name, time.perf_counter(), 0.0]
        self.stack.append(frame)
        try:
            yield
        finally:
            self.stack.pop()
            elapsed = time.perf_counter() - frame[1]
            self.totals[name] = self.totals.get(name, 0.0) + elapsed - frame[2]
            if self.stack:
                self.stack[-1][2] += elapsed

    def wrap(self, name: str, function):
        def timed(*args, **kwargs):
            with self.part(name):
                return function(*args, **kwargs)

        return timed


class Command(BaseCommand):
    help = "Split an uncached page's time by SQL, ORM, templates, reverse(), serializers."

    def add_arguments(self, parser):
        parser.add_argument("path", help="A path on this site, e.g. /films/amelie-2001/")
        parser.add_argument("--requests", type=int, default=30, help="How many to time")

    def handle(self, path, requests, **options):
        if requests < 1:
            raise CommandError("--requests must be at least 1.")
        uncached = {"PAGE_CACHE_SECONDS": 0, "FRAGMENT_CACHE_SECONDS": 0, "DEBUG": False}
        hosts = [*settings.ALLOWED_HOSTS, "testserver"]
        with override_settings(**uncached, ALLOWED_HOSTS=hosts):
            client = Client()
            status = client.get(path).status_code  # warm: imports, template loading
            if status != 200:
                raise CommandError(f"{path} answered {status}, not 200.")
            clock, queries, durations = Clock(), [], []
            with ExitStack() as patches:
                for name, target, method in PARTS:
                    module, _, cls = target.rpartition(".")
                    owner = getattr(__import__(module, fromlist=[cls]), cls, None)
                    if owner is not None:
                        original = owner.__dict__[method]
                        patches.enter_context(
                            mock.patch.object(owner, method, clock.wrap(name, original))
                        )
                for alias in connections:
                    patches.enter_context(
                        connections[alias].execute_wrapper(self.sql_wrapper(clock, queries))
                    )
                for _ in range(requests):
                    started = time.perf_counter()
                    with clock.part("other"):
                        client.get(path)
                    durations.append(time.perf_counter() - started)
        self.report(path, requests, clock.totals, len(queries), durations)

    @staticmethod
    def sql_wrapper(clock: Clock, queries: list):
        def wrapper(execute, sql, params, many, context):
            queries.append(sql)
            with clock.part("SQL"):
                return execute(sql, params, many, context)

        return wrapper

    def report(self, path, requests, totals, query_count, durations):
        whole = sum(totals.values())
        self.stdout.write(
            f"{path}: {statistics.median(durations) * 1000:.1f} ms median of {requests}, "
            f"{query_count / requests:.0f} queries each"
        )
        for name, seconds in sorted(totals.items(), key=lambda item: -item[1]):
            share = seconds / whole * 100 if whole else 0
            self.stdout.write(f"  {name:18} {seconds / requests * 1000:7.2f} ms  {share:4.0f}%")
