from django.conf import settings


def site(request):
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "FRAGMENT_CACHE_SECONDS": settings.FRAGMENT_CACHE_SECONDS,
        # Fragments listing the latest reviews: a scheduled review goes live without a save
        # to invalidate them, so they live a minute at most (and not at all with caching off).
        "REVIEW_LISTS_CACHE_SECONDS": min(settings.FRAGMENT_CACHE_SECONDS, 60),
    }
