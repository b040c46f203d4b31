"""What the generated OpenAPI schema needs beyond drf-spectacular's defaults: the error shape
on every operation, 304 on details, response fields required (expandable ones optional), the
filters' limits, the token scheme, and the overview text."""

import json
from decimal import Decimal

from drf_spectacular import openapi
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.extensions import OpenApiAuthenticationExtension, OpenApiSerializerExtension

DESCRIPTION = """\
Marquee's films, people and reviews, read-only for everyone and writable by editors.

**Versions.** Everything lives under `/api/v1/`; `/api/v1/` lists the endpoints. Objects are
looked up by slug (credits by id, countries and languages by ISO code) and carry their numeric
`id`, their API `url` and their `site_url` on the site. A film, person or review asked for by
its numeric id, its IMDb or Wikidata id, or a slug it had before answers 301 to its address;
`?slug__in=` and `?id__in=` read up to 100 at once.

**Authentication.** Anonymous clients may read. Writes need a token (`Authorization: Token
<key>` or `Bearer <key>`, from `POST /api/v1/auth/token/` or the admin) or a logged-in session
with its CSRF token, and the model permissions of the Editors group; an anonymous write is 401,
a write without the permission 403. Repeated failed logins lock out (429, `locked_out`).
Reviews are created with the caller as author. Drafts and scheduled reviews are never shown to
anyone who cannot change reviews.

**Lists** are paginated: `page_size` 20 by default and at most 100 (larger values are
clamped to 100). `next` and `previous` are cursor links: following them costs the same at any
depth. `page` numbers reach the first 10,000 rows; follow `next` beyond. Each list has a
stable order ending on the id, and a `sort` filter with the documented orderings only.
`GET /api/v1/films/?expand=credits&expand=reviews` (or `?expand=credits,reviews`) adds
nested data.

**Keeping a copy in sync.** 1. `GET /api/v1/changes/?since=latest` and keep its
`next_cursor`. 2. Read the lists you want in full. 3. From then on, follow
`/api/v1/changes/?since=<next_cursor>` until `has_more` is false: read each created or updated
object at its `url`, drop each deleted one, keep the new `next_cursor`. Entries are kept 90
days; an older cursor is 410 (`cursor_expired`): start again at 1. Lists also take
`updated_since` and `sort=updated_at` (a film's `updated_at` moves with its credits, releases
and images).

**Conditional requests.** Lists, details and writes send an `ETag`; send it back in
`If-None-Match` for a 304, or in `If-Match` with PUT, PATCH or DELETE: if the object changed
since, the answer is 412 with the current ETag. PATCH writes only the fields it is sent; PUT
replaces the object.

**Throttling.** Anonymous and authenticated clients have request rates, reported in
`X-RateLimit-Limit` and `X-RateLimit-Remaining`; past them the answer is 429 with
`Retry-After` (seconds). A bad token counts against its address's anonymous rate.

**Outages.** While the database is unreachable, answers not already cached are 503 with
`Retry-After`.

**Errors** share one shape, the `Error` schema:
`{"error": {"status": 400, "code": "invalid", "message": "rating: Ensure this value is less
than or equal to 5.", "fields": {"rating": ["Ensure this value is less than or equal to 5."]}}}`.
`code` is `invalid` for validation errors, otherwise e.g. `not_found`, `not_authenticated`,
`authentication_failed`, `permission_denied`, `method_not_allowed`, `throttled`,
`parse_error`, `unsupported_media_type`, `protected` (409: still referred to, e.g. a film with
credits) or `conflict`. `fields` maps invalid fields, or `non_field_errors`, to messages.
"""

ERROR = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["status", "code", "message", "fields"],
            "properties": {
                "status": {"type": "integer", "description": "The HTTP status."},
                "code": {"type": "string", "description": "e.g. invalid, not_found, throttled."},
                "message": {"type": "string", "description": "For people to read."},
                "fields": {
                    "type": "object",
                    "description": "Invalid fields (or non_field_errors) and their messages.",
                    "additionalProperties": {},
                },
            },
        }
    },
}

ERRORS = {
    "400": "Invalid input: a filter, a parameter or the request body.",
    "401": "No credentials, or bad ones.",
    "403": "Authenticated, but without the permission this needs.",
    "404": "No such object, or no such page.",
    "429": "Too many requests; see Retry-After.",
    "503": "The database is unreachable; see Retry-After.",
}
RETRY_AFTER = {"description": "Seconds to wait.", "schema": {"type": "integer"}}
ETAG = {
    "description": "A strong validator: If-None-Match gets 304; If-Match makes writes conditional.",
    "schema": {"type": "string"},
}
WRITE_ERRORS = {
    "409": "Conflicts with saved data, e.g. deleting a film that still has credits.",
    "415": "The body is not JSON.",
}


def document_errors(result, generator, request, public):
    """Postprocessing hook: the overview, the Error schema, the error answers of every
    operation (429 with Retry-After), ETag and 304 on every detail GET, and credentials
    optional for reads."""
    result["info"]["description"] = DESCRIPTION
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR
    error_body = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            _place_security(result, method, operation)
            responses = operation.setdefault("responses", {})
            errors = ERRORS | (WRITE_ERRORS if method != "get" else {})
            for status, description in errors.items():
                responses.setdefault(status, {"description": description, "content": error_body})
            responses["429"]["headers"] = {"Retry-After": RETRY_AFTER}
            responses["503"]["headers"] = {"Retry-After": RETRY_AFTER}
            if method == "get" and path.endswith("}/"):
                responses["200"].setdefault("headers", {})["ETag"] = ETAG
                responses.setdefault(
                    "304",
                    {"description": "Not modified (If-None-Match).", "headers": {"ETag": ETAG}},
                )
    _drop_unused_components(result)
    return result


def _place_security(result, method: str, operation: dict) -> None:
    """Reads need no credentials: they take the document's requirement, the schemes or none
    (``{}``). Generated clients read a requirement on the operation as "credentials needed",
    so writes keep theirs there, and an operation with no scheme says so with ``[]``."""
    security = [requirement for requirement in operation.get("security", []) if requirement]
    if method == "get" and security:
        reads = result.setdefault("security", [*security, {}])
        if reads == [*security, {}]:
            del operation["security"]
        else:
            operation["security"] = [*security, {}]
    elif not security:
        operation["security"] = []


def _drop_unused_components(result):
    """Read-only nested serializers leave request components nothing refers to."""
    schemas = result["components"]["schemas"]
    while True:
        text = json.dumps(result, default=str)
        unused = [name for name in schemas if f'"#/components/schemas/{name}"' not in text]
        if not unused:
            return
        for name in unused:
            del schemas[name]


class ExpandableFieldsExtension(OpenApiSerializerExtension):
    """Fields only present with ?expand= are optional in the schema."""

    target_class = "api.serializers.ExpandableFieldsMixin"
    match_subclasses = True

    def map_serializer(self, auto_schema, direction):
        schema = auto_schema._map_serializer(self.target, direction, bypass_extensions=True)
        expandable = set(self.target.expandable_fields)
        if "required" in schema:
            schema["required"] = [name for name in schema["required"] if name not in expandable]
        return schema


class AutoSchema(openapi.AutoSchema):
    """drf-spectacular's, with every field of a response required: DRF writes each readable
    field whatever its ``required``, which is about input (ExpandableFieldsExtension then
    makes the fields only ``?expand=`` adds optional)."""

    def _map_basic_serializer(self, serializer, direction):
        schema = super()._map_basic_serializer(serializer, direction)
        if direction == "response" and schema.get("properties"):
            schema["required"] = list(schema["properties"])
        return schema

    def _get_paginator(self):
        paginator = super()._get_paginator()
        if paginator is not None:
            paginator.example_path = self.path  # the examples link to this list's pages
        return paginator


def _json_number(value):
    return int(value) if value == int(value) else float(value)


class FilterLimitsExtension(DjangoFilterExtension):
    """drf-spectacular's django-filter support, with a number filter's ``min_value`` and
    ``max_value`` as the parameter's ``minimum`` and ``maximum``."""

    priority = 1

    def resolve_filter_field(self, auto_schema, model, filterset_class, field_name, filter_field):
        parameters = super().resolve_filter_field(
            auto_schema, model, filterset_class, field_name, filter_field
        )
        limits = {"minimum": "min_value", "maximum": "max_value"}
        for parameter in parameters:
            for keyword, argument in limits.items():
                if isinstance(filter_field.extra.get(argument), int | Decimal):
                    parameter["schema"][keyword] = _json_number(filter_field.extra[argument])
        return parameters


class TokenScheme(OpenApiAuthenticationExtension):
    """One token, two spellings of the header: ``Token <key>`` (DRF's) or ``Bearer <key>``
    (what generated clients send by default). Either is enough."""

    target_class = "api.authentication.TokenAuthentication"
    name = ["tokenAuth", "bearerAuth"]
    priority = 1

    def get_security_definition(self, auto_schema):
        token = {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "The header's value is `Token <key>`, e.g. `Token 9944b09199c62bcf9418"
            "ad846dd0e4bbdfc6ee4b`. Keys come from POST /api/v1/auth/token/. (openapi-python-"
            'client: `AuthenticatedClient(base_url, token=key, prefix="Token")`, or the '
            "default prefix, Bearer.)",
        }
        bearer = {
            "type": "http",
            "scheme": "bearer",
            "description": "The same key as `Authorization: Bearer <key>`.",
        }
        return [token, bearer]

    def get_security_requirement(self, auto_schema):
        return [{"tokenAuth": []}, {"bearerAuth": []}]
