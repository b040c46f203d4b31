"""schemathesis against the live API and its own schema, on the demo data: as an anonymous
client and as an editor with a token, every method (writes included). Requests are generated
from the schema, valid and invalid alike; every answer must be a documented 4xx or a 2xx that
keeps to the schema, and never a 5xx.

Its pytest plugin does not run under pytest 9.2, so this runs its command line against the
live server, as a developer would from a shell (the command is printed on failure). Bounded:
a few examples per operation and a fixed seed, so a run is repeatable and takes half a minute.
(Its coverage phase, boundary values for every parameter, takes ten: run it by hand.)
"""

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from rest_framework.authtoken.models import Token

from films.models import Collection, Country, Credit, Film, Genre, Language
from people.models import Person
from reviews.models import Review
from tests.factories import EditorFactory

CHECKS = [
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_headers_conformance",
    "response_schema_conformance",
]
# Not checked: whether every valid-looking request succeeds (an unknown genre slug is valid to
# the schema, a 400 here) or every invalid one fails (page_size over 100 is clamped).
MAX_EXAMPLES = 5
# Each resource's path parameter, and the objects it can name.
IDENTIFIERS = {
    "films": ("slug", Film),
    "people": ("slug", Person),
    "reviews": ("slug", Review),
    "credits": ("id", Credit),
    "genres": ("slug", Genre),
    "collections": ("slug", Collection),
    "countries": ("code", Country),
    "languages": ("code", Language),
}


def real_identifiers_config() -> str:
    """schemathesis.toml: half the generated path parameters name a real object (a random slug
    is a 404, so a write would never reach validation or the database)."""
    sections = []
    for resource, (parameter, model) in IDENTIFIERS.items():
        values = model.objects.order_by("pk").values_list(parameter, flat=True)[:20]
        sections.append(
            f"[dictionaries.{resource}]\nvalues = {json.dumps([str(v) for v in values])}\n"
        )
        binding = f'{{ dictionary = "{resource}", probability = 0.5 }}'
        sections.append(
            f'[[operations]]\ninclude-path-regex = "^/api/v1/{resource}/"\n'
            f'parameters = {{ "path.{parameter}" = {binding} }}\n'
        )
    return "\n".join(sections)


def schemathesis_run(schema_url: str, *options: str, workdir: Path) -> None:
    config = workdir / "schemathesis.toml"
    config.write_text(real_identifiers_config())
    command = [
        sys.executable, "-m", "schemathesis.cli", "--config-file", str(config), "run", schema_url,
        "--checks", ",".join(CHECKS),
        "--phases", "examples,fuzzing",
        "--max-examples", str(MAX_EXAMPLES),
        "--seed", "15",
        "--workers", "1",  # the live server shares one database connection
        "--generation-database", "none",
        "--request-timeout", "20",
        "--no-color",
        *options,
    ]  # fmt: skip
    environment = os.environ | {"HYPOTHESIS_STORAGE_DIRECTORY": str(workdir / "hypothesis")}
    result = subprocess.run(
        command,
        cwd=workdir,  # anything it writes stays out of the project
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, (
        shlex.join(command) + "\n" + result.stdout[-30000:] + result.stderr[-5000:]
    )


@pytest.fixture
def demo_api(live_api):
    """The live API with the demo films, people, credits and reviews."""
    call_command("load_demo", verbosity=0)
    return f"{live_api.url}/api/schema/?format=json"


def test_anonymous_clients_get_the_schema_and_never_a_server_error(demo_api, tmp_path):
    schemathesis_run(demo_api, workdir=tmp_path)


def test_editors_get_the_schema_and_never_a_server_error(demo_api, tmp_path):
    """With the Editors group's permissions, writes get past permissions to validation and
    the database."""
    token = Token.objects.create(user=EditorFactory(username="schemathesis-editor")).key
    schemathesis_run(demo_api, "--header", f"Authorization: Token {token}", workdir=tmp_path)
