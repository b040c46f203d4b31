"""The API's JSON parser: DRF's, refusing what the database or the parser cannot take. (The
body's size is Django's to check: DRF reads a JSON body through ``request.body``, which raises
RequestDataTooBig beyond DATA_UPLOAD_MAX_MEMORY_SIZE; api/exceptions.py answers 413.)"""

import io
import json

from django.conf import settings
from rest_framework import exceptions, parsers
from rest_framework.settings import api_settings

# Deeper than any body the API accepts (a film is two levels); Python's parser gives up near
# 1,000 levels with a RecursionError.
MAX_DEPTH = 32
TOO_DEEP = f"JSON parse error - nested more than {MAX_DEPTH} levels deep."
# DRF's own message for a NUL in a CharField (ProhibitNullCharactersValidator).
NUL = "Null characters are not allowed."


class JSONParser(parsers.JSONParser):
    """Refuses nesting deeper than MAX_DEPTH (a parse error) and a NUL character in any string
    or key (a validation error of the top-level field that holds it): PostgreSQL can neither
    store nor compare one, so a slug lookup with a NUL was a DataError. The checks read the
    text at C speed and walk the parsed data only when they must."""

    def parse(self, stream, media_type=None, parser_context=None):
        raw = stream.read()
        try:
            data = super().parse(io.BytesIO(raw), media_type, parser_context)
        except RecursionError:
            raise exceptions.ParseError(TOO_DEEP) from None
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        text = raw.decode(encoding)
        if text.count("[") + text.count("{") > MAX_DEPTH:  # else it cannot be deeper
            check_depth(data)
        if holds_nul(text):
            raise exceptions.ValidationError({field_holding_nul(data): [NUL]})
        return data


def check_depth(data) -> None:
    """One level at a time, without recursion: any depth is safe to walk."""
    containers, depth = [data], 1
    while containers:
        if depth > MAX_DEPTH:
            raise exceptions.ParseError(TOO_DEEP)
        containers = [
            item
            for container in containers
            for item in (container.values() if isinstance(container, dict) else container)
            if isinstance(item, dict | list)
        ]
        depth += 1


def holds_nul(json_text: str) -> bool:
    # Escapes read left to right, so dropping each \\ (an escaped backslash) leaves \u0000
    # exactly where one was a NUL, and "\\u0000" (a backslash, then the text u0000) is not.
    return "\\u0000" in json_text.replace("\\\\", "")


def field_holding_nul(data) -> str:
    if isinstance(data, dict):
        for key, value in data.items():
            if "\x00" not in key and holds_nul(json.dumps(value)):
                return key
    return api_settings.NON_FIELD_ERRORS_KEY
