import json

from django.http import HttpResponsePermanentRedirect
from django.middleware.gzip import GZipMiddleware
from django.urls import is_valid_path

from api.exceptions import error_body, is_api_request


class AppendSlashMiddleware:
    """An API path without its trailing slash answers 308 to the path with it, so the client
    sends the same method and body again. (CommonMiddleware's 301 turns a POST into a GET, and
    with DEBUG on it raises instead.) It answers before any view, so CommonMiddleware, outside
    it, never sees the 404 it would redirect."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        urlconf = getattr(request, "urlconf", None)
        if (
            is_api_request(request)
            and not path.endswith("/")
            and not is_valid_path(path, urlconf)
            and is_valid_path(f"{path}/", urlconf)
        ):
            location = request.get_full_path(force_append_slash=True)
            message = f"API paths end in a slash: send this request to {location}"
            return HttpResponsePermanentRedirect(
                location,
                preserve_request=True,  # 308
                content=json.dumps(error_body(308, "permanent_redirect", message)),
                content_type="application/json",
            )
        return self.get_response(request)


class CompressAPIMiddleware(GZipMiddleware):
    """The API's JSON gzipped for clients that accept it: a page of 100 films shrinks about
    tenfold. Only the API: HTML pages carry CSRF tokens, and compressing a secret beside text
    an attacker chooses leaks it (BREACH); the proxy in front may compress those if it masks
    the token. Static files are compressed ahead by WhiteNoise."""

    # Django weakens a compressed answer's ETag (W/"…"), and If-Match, which compares strongly,
    # then never matches: instead the gzipped copy's ETag is the content's with "-gzip" (as
    # Apache names it), and the suffix is dropped from a precondition the client sends back.

    def process_request(self, request):
        if not is_api_request(request):
            return
        for header in ("HTTP_IF_MATCH", "HTTP_IF_NONE_MATCH"):
            if header in request.META:
                request.META[header] = request.META[header].replace(GZIP_SUFFIX, '"')

    def process_response(self, request, response):
        if not is_api_request(request):
            return response
        etag = response.get("ETag")
        response = super().process_response(request, response)
        if etag and not etag.startswith("W/") and response.get("Content-Encoding") == "gzip":
            response["ETag"] = etag[:-1] + GZIP_SUFFIX
        return response


GZIP_SUFFIX = '-gzip"'
