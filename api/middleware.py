import json

from django.http import HttpResponsePermanentRedirect
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
