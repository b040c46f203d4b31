from core.links import absolute_url


def test_a_path_is_made_absolute_on_the_public_site(settings):
    settings.SITE_URL = "https://marquee.example"
    assert absolute_url("/films/la-haine-1995/") == "https://marquee.example/films/la-haine-1995/"


def test_a_url_already_absolute_is_kept(settings):
    # An uploaded poster on a storage bucket.
    url = "https://bucket.example/posters/la-haine.jpg"
    assert absolute_url(url) == url
