from django.conf import settings


def site(request):
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "FRAGMENT_CACHE_SECONDS": settings.FRAGMENT_CACHE_SECONDS,
    }
