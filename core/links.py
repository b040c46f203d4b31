from django.conf import settings


def absolute_url(url: str) -> str:
    """``url`` on the public site (SITE_URL), for feeds, link previews, JSON-LD and the API;
    a URL that is already absolute (a file on a storage bucket) is kept as it is."""
    if url.startswith(("http://", "https://")):
        return url
    return f"{settings.SITE_URL}{url}"
