import pytest

from search.templatetags.search_tags import initials


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Keanu Reeves", "KR"),
        ("Ana de Armas", "AA"),
        ("Madonna", "M"),
        ("Bong Joon-ho", "BJ"),
        ("Émilie Dequenne", "ÉD"),
        ("“Weird” Al Yankovic", "AY"),
        ("  ", ""),
    ],
)
def test_initials_are_the_first_and_last_words_first_letters(name, expected):
    assert initials(name) == expected
