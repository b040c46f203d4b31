"""What readers find for their half-remembered queries, and that no query can break search.
Read-only, so the catalogue is made once for the module. The same cases run on SQLite and on
PostgreSQL (``make test`` runs the suite on both) and expect the same results."""

import pytest

from search.service import search, suggest


def titles(group) -> list[str]:
    return [str(item) for item in group]


@pytest.mark.parametrize(
    ("query", "films", "people", "fuzzy"),
    [
        # Case and accents.
        ("amelie", ["Amélie (2001)"], [], False),
        ("AMÉLIE", ["Amélie (2001)"], [], False),
        # The word being typed is a prefix.
        ("balle", ["Ballerina (2025)", "Ballerina (2016)", "Red Sparrow (2018)"], [], False),
        ("ke", [], ["Keanu Reeves"], False),
        # Every word must match, in any field, in any order.
        ("wick chapter", ["John Wick: Chapter 4 (2023)"], [], False),
        ("de armas", [], ["Ana de Armas"], False),
        # An original title, a character.
        ("fabuleux destin", ["Amélie (2001)"], [], False),
        ("eve macarro", ["Ballerina (2025)"], [], False),
        ("amelie poulain", ["Amélie (2001)"], [], False),
        # A trailing year narrows to that year.
        ("ballerina 2025", ["Ballerina (2025)"], [], False),
        ("ballerina 2016", ["Ballerina (2016)"], [], False),
        # One typo in a word of four or more letters.
        ("balerina", ["Ballerina (2025)", "Ballerina (2016)", "Red Sparrow (2018)"], [], True),
        ("kenau reeves", [], ["Keanu Reeves"], True),
        ("ballerian 2025", ["Ballerina (2025)"], [], True),
        ("amelei", ["Amélie (2001)"], [], True),
        # Not two typos, and not in a word of three letters.
        ("balerrinna", [], [], False),
        ("jon wick", [], [], False),
    ],
)
def test_what_readers_mean(shared_catalogue, db, query, films, people, fuzzy):
    results = search(query)
    assert titles(results.films) == films
    assert titles(results.people) == people
    assert results.fuzzy is fuzzy


@pytest.mark.parametrize(
    "query",
    [
        "", "   ", "x" * 1000, "!!!", '"', "*", "NEAR", "-", ":", '"*NEAR -:', "ballerina*",
        "-ballerina", "title:ballerina", "NEAR(ballerina wick)", "AND OR NOT", "'", "\\",
        "\x00abc", "ballerina\x00", "🎬", "🎬 ballerina", "%_%", "a", "ЖЖЖЖ", "日本語",
        " ".join(["ballerina"] * 50), "ballerina " * 200, "b" * 60 + " " + "c" * 30,
    ],
)  # fmt: skip
def test_bad_input_finds_nothing_or_something_but_never_fails(shared_catalogue, db, query):
    results = search(query)
    assert results.total >= 0
    assert len(results.query) <= 200
    assert isinstance(suggest(query), list)


def test_query_syntax_is_never_interpreted(shared_catalogue, db):
    # FTS5 would read these as a column filter, a NOT or a prefix; here they are just words.
    assert titles(search("-ballerina").films) == titles(search("ballerina").films)
    assert titles(search("title:ballerina").films) == []  # no film has the word "title"
    assert titles(search('"ballerina 2016"').films) == ["Ballerina (2016)"]


# A NUL is a 400 before search sees it (tests/test_bad_requests.py).
@pytest.mark.parametrize(
    "params",
    [
        {"q": ""}, {"q": "   "}, {"q": "x" * 1000}, {"q": "!!!"}, {"q": '"*NEAR -:'},
        {"q": "🎬 ballerina"}, {"q": "%_%"}, {"q": "ballerina", "page": "-3"},
        {"q": "ballerina", "page": "NaN"}, {"q": "ballerina", "page": "9" * 5000},
        {"q": "ballerina", "type": "genres"}, {"q": ["ballerina", "wick"]}, {},
    ],
)  # fmt: skip
def test_bad_input_is_a_normal_page_and_a_suggestion_list(shared_catalogue, db, client, params):
    assert client.get("/search/", params).status_code == 200
    response = client.get("/search/suggest/", params)
    assert response.status_code == 200
    assert isinstance(response.json()["suggestions"], list)
