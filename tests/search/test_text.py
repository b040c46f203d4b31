"""search.text: folding, words, query parsing and the one-edit maths. No database."""

import pytest

from search.text import (
    MAX_QUERY_LENGTH,
    MAX_WORDS,
    anchors,
    closest,
    fold,
    highlight,
    markdown_to_text,
    normalise,
    parse_query,
    within_one_edit,
    words,
)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Amélie", "amelie"),
        ("AMÉLIE", "amelie"),
        ("Zoë Saldaña", "zoe saldana"),
        ("Straße", "strasse"),
        ("Søren Kierkegaard", "soren kierkegaard"),
        ("Æon Flux", "aeon flux"),
        ("Łódź", "lodz"),
        ("İstanbul", "istanbul"),
        ("ＢＡＬＬＥＲＩＮＡ", "ballerina"),  # full-width letters
        ("ﬁlm", "film"),  # a ligature
    ],
)
def test_fold(text, folded):
    assert fold(text) == folded


def test_fold_takes_a_short_cut_for_ascii_with_the_same_result():
    import unicodedata

    every_ascii = "".join(chr(code) for code in range(128)) + " John Wick: CHAPTER 4 (2023)"
    long_way = "".join(
        ch for ch in unicodedata.normalize("NFKD", every_ascii.casefold())
        if not unicodedata.combining(ch)
    )  # fmt: skip
    assert fold(every_ascii) == long_way


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Le Fabuleux Destin d'Amélie", ["le", "fabuleux", "destin", "d", "amelie"]),
        ("John Wick: Chapter 4", ["john", "wick", "chapter", "4"]),
        ("Spider-Man", ["spider", "man"]),
        ('"*NEAR -:', ["near"]),
        ("🎬 ballerina\x00", ["ballerina"]),
        ("snake_case", ["snake", "case"]),
        ("!!! %_% ...", []),
    ],
)  # fmt: skip
def test_words_are_letters_and_digits_only(text, expected):
    assert words(text) == expected
    assert normalise(text) == " ".join(expected)


@pytest.mark.parametrize(
    ("raw", "query_words", "year", "prefix", "title_words"),
    [
        ("ballerina", ("ballerina",), None, "ballerina", ("ballerina",)),
        ("Ballerina 2025", ("ballerina", "2025"), 2025, None, ("ballerina",)),
        ("blade runner 2049", ("blade", "runner", "2049"), 2049, None, ("blade", "runner")),
        ("2025", ("2025",), None, "2025", ("2025",)),  # a year alone is just a word
        ("ballerina 1066", ("ballerina", "1066"), None, "1066", ("ballerina", "1066")),
        ("ballerina 20251", ("ballerina", "20251"), None, "20251", ("ballerina", "20251")),
        ("ana de a", ("ana", "de", "a"), None, None, ("ana", "de", "a")),  # 1 letter: no prefix
        ("  kenau   reeves ", ("kenau", "reeves"), None, "reeves", ("kenau", "reeves")),
        ("", (), None, None, ()),
        ("!!!", (), None, None, ()),
    ],
)
def test_parse_query(raw, query_words, year, prefix, title_words):
    parsed = parse_query(raw)
    assert parsed.words == query_words
    assert parsed.year == year
    assert parsed.prefix == prefix
    assert parsed.title_words == title_words
    assert bool(parsed) == bool(query_words)


def test_parse_query_bounds_length_and_words():
    assert len(parse_query("x" * 1000).text) == MAX_QUERY_LENGTH
    assert len(parse_query(" ".join(f"w{i}" for i in range(50))).words) == MAX_WORDS
    assert parse_query("a\x00b\tc\n").text == "a b c"


@pytest.mark.parametrize(
    ("a", "b", "near"),
    [
        ("ballerina", "ballerina", True),
        ("balerina", "ballerina", True),  # insertion
        ("ballerinas", "ballerina", True),  # deletion
        ("ballerena", "ballerina", True),  # substitution
        ("kenau", "keanu", True),  # neighbours swapped
        ("abcd", "bacd", True),
        ("abcd", "abdc", True),
        ("balerrina", "ballerina", False),  # two edits
        ("kenua", "keanu", False),  # a swap of letters that are not neighbours
        ("abc", "abcde", False),
        ("abcd", "dcba", False),
    ],
)
def test_within_one_edit(a, b, near):
    assert within_one_edit(a, b) is near
    assert within_one_edit(b, a) is near


@pytest.mark.parametrize(
    "word", ["abcd", "kenau", "amelie", "reeves", "fecorpe", "balerina", "gipardenpe"]
)
def test_every_one_edit_neighbour_shares_an_anchor(word):
    """Brute force over every one-edit neighbour: each starts or ends with the wide anchor,
    or starts and ends with the narrow one (what vocabulary_near reads)."""
    alphabet = sorted(set(word)) + ["x"]
    neighbours = {word[:i] + word[i + 1 :] for i in range(len(word))}
    neighbours |= {word[:i] + c + word[i + 1 :] for i in range(len(word)) for c in alphabet}
    neighbours |= {word[:i] + c + word[i:] for i in range(len(word) + 1) for c in alphabet}
    neighbours |= {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}
    wide, narrow = anchors(word)
    assert wide > len(word) // 2 - 1  # longer than the one-sided bound, so fewer words read
    for neighbour in neighbours:
        assert within_one_edit(word, neighbour)
        assert (
            neighbour.startswith(word[:wide])
            or neighbour.endswith(word[-wide:])
            or (
                narrow
                and neighbour.startswith(word[:narrow])
                and neighbour.endswith(word[-narrow:])
            )
        ), neighbour


def test_closest_keeps_true_neighbours_most_alike_first():
    candidates = {"ballerina", "ballerinas", "valerina", "balerinas", "banana", "balerina"}
    assert closest("balerina", candidates, limit=5) == ["balerinas", "ballerina", "valerina"]
    assert closest("balerina", candidates, limit=1) == ["balerinas"]


def test_markdown_to_text_keeps_words_not_markup():
    markdown = "It was *good*. See [the trailer](https://example.com/t) and <b>more</b>.\n\n# End"
    assert markdown_to_text(markdown) == "It was good. See the trailer and more. End"
    # Text without links or tags keeps its brackets; spacing is tidied all the same.
    assert markdown_to_text("A [sic] moment ,\n\n5 > 4") == "A [sic] moment, 5 4"


def test_highlight_marks_matching_words_escapes_the_rest_and_cuts_around_them():
    text = " ".join(["filler"] * 40 + ["<b>Amélie's</b>", "grin,", "d'Amélie!"] + ["tail"] * 40)
    snippet = highlight(text, {"amelie"}, width=10)
    assert snippet.startswith("… ") and snippet.endswith(" …")
    assert "&lt;b&gt;<mark>Amélie</mark>&#x27;s&lt;/b&gt;" in snippet
    assert "d&#x27;<mark>Amélie</mark>!" in snippet
    assert "<b>" not in snippet
    assert len(snippet.split()) <= 12
    assert highlight("no match here", {"nothing"}) == "no match here"
    assert highlight("", {"anything"}) == ""


def test_highlight_marks_whole_words_and_words_that_start_with_a_prefix():
    text = "A ballet, then Ballerina; ballistic balls and a ball."
    snippet = highlight(text, {"ball"}, ("balle",))
    assert snippet == (
        "A <mark>ballet</mark>, then <mark>Ballerina</mark>;"
        " ballistic balls and a <mark>ball</mark>."
    )


def test_highlight_finds_the_densest_run_of_distinct_words():
    text = " ".join(["wick"] + ["filler"] * 50 + ["keanu", "as", "john", "wick"] + ["end"] * 50)
    snippet = highlight(text, {"keanu", "wick"}, width=10)
    assert "<mark>keanu</mark> as john <mark>wick</mark>" in snippet
    assert snippet.startswith("… ") and snippet.endswith(" …")


def test_highlight_counts_words_right_when_a_character_folds_into_a_space():
    # NFKD turns a spacing diaeresis into a space and a combining mark.
    text = "caf\u00a8 " + " ".join(["x"] * 20) + " amelie here"
    snippet = highlight(text, {"amelie"}, width=10)
    assert "<mark>amelie</mark> here" in snippet
