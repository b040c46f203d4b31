"""The house-style reader, without a database: footers, credit lines, whole documents and the
errors that name a line and say what was expected there."""

import pytest

from reviews.importer.house_style import (
    BLACK_AND_WHITE,
    CAST,
    COLOUR,
    DIRECTOR,
    MIXED,
    SOURCE,
    WRITER,
    CreditLine,
    Facts,
    HouseStyleError,
    Limits,
    normalise,
    parse_credit_line,
    parse_document,
    parse_fact_line,
    title_case,
)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "USA • HUNGARY | 2025 | 124 MINUTES | 2.39:1 | COLOUR | ENGLISH",
            Facts(7, 2025, ("USA", "HUNGARY"), 124, "2.39:1", COLOUR, ("ENGLISH",)),
        ),
        (
            "UK | 2007 | 121 MINUTES | 2.35:1 | COLOUR | ENGLISH",
            Facts(7, 2007, ("UK",), 121, "2.35:1", COLOUR, ("ENGLISH",)),
        ),
        (
            "FRANCE | 1960 | 90 MINUTES | 1.37:1 | BLACK & WHITE | FRENCH",
            Facts(7, 1960, ("FRANCE",), 90, "1.37:1", BLACK_AND_WHITE, ("FRENCH",)),
        ),
        (
            "USA | 1939 | 102 MINUTES | COLOUR & BLACK & WHITE | ENGLISH",
            Facts(7, 1939, ("USA",), 102, "", MIXED, ("ENGLISH",)),
        ),
        (
            "UK • USA | 2021 | 163 MINUTES | 2.39:1 | COLOUR | "
            "ENGLISH • FRENCH • ITALIAN • RUSSIAN",
            Facts(
                7,
                2021,
                ("UK", "USA"),
                163,
                "2.39:1",
                COLOUR,
                ("ENGLISH", "FRENCH", "ITALIAN", "RUSSIAN"),
            ),
        ),
        ("2025", Facts(7, 2025)),  # every part but the year is optional
        ("USA | 2025", Facts(7, 2025, countries=("USA",))),
        ("2025 | ENGLISH", Facts(7, 2025, languages=("ENGLISH",))),
        ("2025 | 95 MINS", Facts(7, 2025, runtime_minutes=95)),
        ("2025 | 1 minute", Facts(7, 2025, runtime_minutes=1)),
        ("2025 | 16:1", Facts(7, 2025, aspect_ratio="16:1")),
        ("2025 | Colour", Facts(7, 2025, colour=COLOUR)),
        ("2025 | BLACK AND WHITE", Facts(7, 2025, colour=BLACK_AND_WHITE)),
        ("CÔTE D'IVOIRE | 2025", Facts(7, 2025, countries=("CÔTE D'IVOIRE",))),
        ("  USA  •  UK  |  2025  ", Facts(7, 2025, countries=("USA", "UK"))),
    ],  # fmt: skip
)
def test_fact_lines(line, expected):
    assert parse_fact_line(line, 7) == expected


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("USA | 124 MINUTES", "expected the fact line with the year"),
        ("USA | 2025 | 124 MINUTS", "expected countries, the year, a runtime such as 124 MINUTES"),
        ("USA | 2025 | 16:9", "expected an aspect ratio such as 2.39:1, not “16:9”"),
        ("USA | 2025 | 0 MINUTES", "expected a runtime of at least 1 minute"),
        ("USA || 2025", "expected a fact between each “|”, found nothing"),
        ("USA | 2025 | 2026", "the year is given twice"),
        ("USA | UK | 2025", "expected countries, the year, a runtime such as 124 MINUTES"),
        ("2025 | COLOUR | BLACK & WHITE", "the colour is given twice"),
        ("USA • | 2025", "expected countries, the year"),
    ],
)
def test_fact_line_errors_name_the_line_and_what_was_expected(line, message):
    with pytest.raises(HouseStyleError) as error:
        parse_fact_line(line, 19)
    assert str(error.value.errors[0]).startswith("line 19: ")
    assert message in str(error.value)


def credit(role, name, note="", character="", line=20):
    return CreditLine(role, name, 0, line, note=note, character=character)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("director: Len Wiseman.", [credit(DIRECTOR, "Len Wiseman")]),
        (
            "directors: Joel Coen & Ethan Coen.",
            [credit(DIRECTOR, "Joel Coen"), credit(DIRECTOR, "Ethan Coen")],
        ),
        (
            "directors: Daniel Kwan, Daniel Scheinert & Jean-Pierre Jeunet",
            [
                credit(DIRECTOR, "Daniel Kwan"),
                credit(DIRECTOR, "Daniel Scheinert"),
                credit(DIRECTOR, "Jean-Pierre Jeunet"),
            ],
        ),
        (
            "writer: Shay Hatten (based on characters created by Derek Kolstad).",
            [
                credit(WRITER, "Shay Hatten"),
                credit(SOURCE, "Derek Kolstad", note="based on characters created by"),
            ],
        ),
        (
            "writer: Justin Haythe (based on the novel by Jason Matthews).",
            [
                credit(WRITER, "Justin Haythe"),
                credit(SOURCE, "Jason Matthews", note="based on the novel by"),
            ],
        ),
        (
            "writers: Neal Purvis, Robert Wade & Phoebe Waller-Bridge "
            "(based on characters created by Ian Fleming).",
            [
                credit(WRITER, "Neal Purvis"),
                credit(WRITER, "Robert Wade"),
                credit(WRITER, "Phoebe Waller-Bridge"),
                credit(SOURCE, "Ian Fleming", note="based on characters created by"),
            ],
        ),
        (
            "writer: Eric Pearson (based on the comics by Stan Lee, Don Heck & Don Rico).",
            [
                credit(WRITER, "Eric Pearson"),
                credit(SOURCE, "Stan Lee", note="based on the comics by"),
                credit(SOURCE, "Don Heck", note="based on the comics by"),
                credit(SOURCE, "Don Rico", note="based on the comics by"),
            ],
        ),
        (
            "writer: A Writer "
            "(based on the novel by B Novelist; based on the play by C Playwright)",
            [
                credit(WRITER, "A Writer"),
                credit(SOURCE, "B Novelist", note="based on the novel by"),
                credit(SOURCE, "C Playwright", note="based on the play by"),
            ],
        ),
        (
            "writers: Jo Doe (screenplay) & Al Roe (story).",
            [credit(WRITER, "Jo Doe", note="screenplay"), credit(WRITER, "Al Roe", note="story")],
        ),
        (
            "starring: Ana de Armas, Anjelica Huston, Gabriel Byrne, Lance Reddick, "
            "Norman Reedus, Ian McShane & Keanu Reeves.",
            [
                credit(CAST, name)
                for name in (
                    "Ana de Armas",
                    "Anjelica Huston",
                    "Gabriel Byrne",
                    "Lance Reddick",
                    "Norman Reedus",
                    "Ian McShane",
                    "Keanu Reeves",
                )
            ],
        ),
        (
            "starring: Lupita Nyong'o, Lupita Nyong’o Jr & Zoë Saldaña",
            [
                credit(CAST, "Lupita Nyong'o"),
                credit(CAST, "Lupita Nyong’o Jr"),
                credit(CAST, "Zoë Saldaña"),
            ],
        ),
        (
            "starring: Samuel L. Jackson & Robert Downey Jr.",
            [credit(CAST, "Samuel L. Jackson"), credit(CAST, "Robert Downey Jr.")],
        ),
        (
            "starring: Keanu Reeves (as John Wick) & Ana de Armas (voice).",
            [
                credit(CAST, "Keanu Reeves", character="John Wick"),
                credit(CAST, "Ana de Armas", note="voice"),
            ],
        ),
        (
            "Starring:   Ana  de Armas ,Ian McShane&Keanu Reeves",
            [
                credit(CAST, "Ana de Armas"),
                credit(CAST, "Ian McShane"),
                credit(CAST, "Keanu Reeves"),
            ],
        ),
    ],  # fmt: skip
)
def test_credit_lines(line, expected):
    assert parse_credit_line(line, 20) == expected


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("producer: Basil Iwanyk.", "expected “director:”, “directors:”, “writer:”, “writers:”"),
        ("starring:", "expected at least one name after “starring:”"),
        ("starring: .", "expected at least one name after “starring:”"),
        ("starring: Ana de Armas, , Keanu Reeves.", "found nothing"),
        ("starring: Ana de Armas & 12345.", "found “12345”"),
        ("starring: Ana de Armas; Keanu Reeves.", "found “Ana de Armas; Keanu Reeves”"),
        (
            "writer: Shay Hatten (based on characters created by Derek Kolstad.",
            "expected a closing “)”",
        ),
        ("writer: Shay Hatten based on) characters", "found “)” without its “(”"),
        ("writer: Shay Hatten (x) Derek Kolstad", "expected “,” or “&” after “(x)”"),
        ("writer: Shay Hatten ().", "expected something inside “( )”"),
        ("writer: Shay Hatten (based on the novel by 42).", "found “42”"),
    ],  # fmt: skip
)
def test_credit_line_errors(line, message):
    with pytest.raises(HouseStyleError) as error:
        parse_credit_line(line, 21)
    assert str(error.value).startswith("line 21: ")
    assert message in str(error.value)


# A short document in the house style, written for these tests.
DOCUMENT = """\
BALLERINA (2025)
A dancer raised by assassins goes looking for the men who killed her father.

A dancer raised by assassins goes looking for the men who killed her father.
Ballerina takes its time: a long prologue, then a longer stay at the academy.
Once it moves, Ana De Armas makes every fall count, and Keanu Reeves drops by.
It recalls Hot Fuzz (2007) in its last act, which is a compliment.
USA • HUNGARY | 2025 | 124 MINUTES | 2.39:1 | COLOUR | ENGLISH
director: Len Wiseman.
writer: Shay Hatten (based on characters created by Derek Kolstad).
starring: Ana de Armas, Ian McShane & Keanu Reeves.
"""


def test_a_whole_document():
    document = parse_document(DOCUMENT)
    assert (document.title, document.year) == ("BALLERINA", 2025)
    assert document.logline.startswith("A dancer raised by assassins")
    assert document.facts.countries == ("USA", "HUNGARY")
    assert document.facts.line == 8
    # One paragraph a line; the repeated logline is the standfirst, not the first paragraph.
    assert document.body.split("\n\n") == [
        "Ballerina takes its time: a long prologue, then a longer stay at the academy.",
        "Once it moves, Ana De Armas makes every fall count, and Keanu Reeves drops by.",
        "It recalls Hot Fuzz (2007) in its last act, which is a compliment.",
    ]
    assert [(c.role, c.name, c.order, c.line) for c in document.credits] == [
        (DIRECTOR, "Len Wiseman", 1, 9),
        (WRITER, "Shay Hatten", 1, 10),
        (SOURCE, "Derek Kolstad", 1, 10),
        (CAST, "Ana de Armas", 1, 11),
        (CAST, "Ian McShane", 2, 11),
        (CAST, "Keanu Reeves", 3, 11),
    ]


def test_a_markdown_body_with_blank_lines_is_kept_as_written():
    text = DOCUMENT.replace(
        "Ballerina takes its time: a long prologue,\n",
        "",
    ).replace(
        "Ballerina takes its time: a long prologue, then a longer stay at the academy.\n",
        "Ballerina takes its *time*,\nwrapped over two lines.\n\n> A quotation.\n\n",
    )
    body = parse_document(text).body
    assert body.startswith("Ballerina takes its *time*,\nwrapped over two lines.\n\n> A quotation.")


def test_missing_optional_parts_and_crlf_line_endings():
    text = "\ufeffHOT FUZZ (2007)\r\nA city cop is sent to a village.\r\n\r\nSwans.\r\n2007\r\n"
    document = parse_document(text)
    assert document.facts == Facts(5, 2007)
    assert document.credits == ()
    assert document.body == "Swans."


def test_credits_are_numbered_across_lines():
    text = DOCUMENT.replace(
        "director: Len Wiseman.", "director: Len Wiseman.\n\ndirectors: Jo Doe."
    )
    document = parse_document(text)
    assert [(c.name, c.order) for c in document.credits if c.role == DIRECTOR] == [
        ("Len Wiseman", 1),
        ("Jo Doe", 2),
    ]


@pytest.mark.parametrize(
    ("change", "errors"),
    [
        (
            ("BALLERINA (2025)", "BALLERINA 2025"),
            ["line 1: expected the title and year, e.g. BALLERINA (2025), not “BALLERINA 2025”"],
        ),
        (
            ("| 2.39:1 | COLOUR |", "| 2.39:1 | SEPIA |"),
            [
                "line 8: expected countries, the year, a runtime such as 124 MINUTES, "
                "an aspect ratio such as 2.39:1, COLOUR, BLACK & WHITE or "
                "COLOUR & BLACK & WHITE, or languages, not “SEPIA”"
            ],
        ),
        (
            ("USA • HUNGARY | 2025", "USA • HUNGARY | 2024"),
            ["line 8: the year 2024 does not match the title's (2025)"],
        ),
        (
            ("director: Len Wiseman.", "directed by Len Wiseman."),
            [
                "line 9: expected “director:”, “directors:”, “writer:”, “writers:” or "
                "“starring:”, not “directed by Len Wiseman.”"
            ],
        ),
        (("director: Len Wiseman.", "producer: Len Wiseman."), ["line 9: expected “director:”"]),
        (
            ("Ian McShane &", "Ian McShane, Ana de Armas &"),
            ["line 11: “Ana de Armas” is listed twice as cast"],
        ),
        (("2.39:1 | COLOUR", "2.39:1 | C0LOUR"), ["line 8: expected countries"]),
        (
            ("Keanu Reeves.", "Keanu Reeves\x00."),
            ["line 11: expected text, found the control character U+0000"],
        ),
    ],  # fmt: skip
)
def test_document_errors(change, errors):
    with pytest.raises(HouseStyleError) as error:
        parse_document(DOCUMENT.replace(*change))
    found = [str(e) for e in error.value.errors]
    assert len(found) == len(errors), found
    for message, expected in zip(found, errors, strict=True):
        assert message.startswith(expected)


def test_every_bad_line_is_reported_at_once():
    text = (
        DOCUMENT.replace("| 2.39:1 |", "| 2.39 |")
        .replace("producer", "x")
        .replace("director: Len Wiseman.", "director: Len Wiseman, 99.")
    )
    with pytest.raises(HouseStyleError) as error:
        parse_document(text)
    assert [e.number for e in error.value.errors] == [8, 9]


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("", "line 1: expected the title and year"),
        ("   \n\n", "line 1: expected the title and year"),
        ("BALLERINA (2025)", "line 2: expected the fact line"),
        ("BALLERINA (2025)\nstarring: Ana de Armas.", "line 2: expected the fact line"),
        ("BALLERINA (2025)\nUSA | 2025", "line 2: expected a one-line logline and the review"),
        ("BALLERINA (2025)\nA logline.\nUSA | 2025", "line 3: expected the review"),
        ("BALLERINA (2025)\nA logline.\nA logline.\nUSA | 2025", "line 3: expected the review"),
        ("BALLERINA (2025)\nA logline.\nThe review.", "line 3: expected the fact line"),
    ],
)
def test_short_documents(text, error):
    with pytest.raises(HouseStyleError) as raised:
        parse_document(text)
    assert str(raised.value).startswith(error)


@pytest.mark.parametrize(
    ("title", "hints", "expected"),
    [
        ("BALLERINA", ("A ballerina who kills. Ballerina is long. Ballerina again.",), "Ballerina"),
        ("NO TIME TO DIE", (), "No Time to Die"),
        ("NO TIME TO DIE", ("She stole No Time to Die.",), "No Time to Die"),
        (
            "THE LORD OF THE RINGS: THE RETURN OF THE KING",
            (),
            "The Lord of the Rings: The Return of the King",
        ),
        ("JOHN WICK: CHAPTER 4", (), "John Wick: Chapter 4"),
        ("SPIDER-MAN: INTO THE SPIDER-VERSE", (), "Spider-Man: Into the Spider-Verse"),
        ("SCHINDLER'S LIST", (), "Schindler's List"),
        ("ROCKY II", (), "Rocky II"),
        ("I, ROBOT", (), "I, Robot"),
        ("WHAT WE DO IN THE SHADOWS", (), "What We Do in the Shadows"),
        ("AMÉLIE", (), "Amélie"),
        ("1917", (), "1917"),
        ("The Usual Suspects", ("THE USUAL SUSPECTS",), "The Usual Suspects"),  # kept as typed
        ("eXistenZ", (), "eXistenZ"),
        ("HER", ("Her voice carries it.",), "Her"),
    ],  # fmt: skip
)
def test_title_case(title, hints, expected):
    assert title_case(title, hints=hints) == expected


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Ana de Armas", "ANA DE ARMAS"),
        ("Ana de Armas", "  Ana   De Armas "),
        ("Zoë Saldaña", "Zoe Saldana"),
        ("Søren Kragh-Jacobsen", "SOREN KRAGH-JACOBSEN"),
        ("Đorđe Balašević", "Dorde Balasevic"),
        ("Straße", "STRASSE"),
        ("Lupita Nyong’o", "Lupita Nyong'o"),
        ("John Wick: Chapter 3 – Parabellum", "John Wick: Chapter 3 - Parabellum"),
    ],
)
def test_normalise_ignores_case_accents_and_curly_quotes(one, other):
    assert normalise(one) == normalise(other)


def test_every_bad_line_is_reported_with_all_that_is_wrong_with_it():
    text = (
        DOCUMENT.replace("BALLERINA (2025)", "BALLERINA 2025")
        .replace("A dancer raised", "A dancer\x07 raised", 1)
        .replace("| 124 MINUTES | 2.39:1 |", "| 124 MINUTS | 2.39 |")
        .replace("director: Len Wiseman.", "directed by Len Wiseman.\nproduced by Basil Iwanyk.")
        .replace("Ana de Armas, Ian McShane", "Ana de Armas (as Eve, 42, Ian McShane")
    )
    with pytest.raises(HouseStyleError) as raised:
        parse_document(text)
    assert [(error.number, error.message.split(",")[0]) for error in raised.value.errors] == [
        (1, "expected the title and year"),
        (2, "expected text"),
        (8, "expected countries"),  # 124 MINUTS
        (8, "expected countries"),  # 2.39
        (9, "expected “director:”"),  # the fact line is found above both bad lines
        (10, "expected “director:”"),
        (12, "expected a closing “)”"),
    ]


def test_limits_are_reported_with_the_lines_that_cannot_be_read():
    limits = Limits(first_year=1870, last_year=2100, logline=40, name=12, character=5)
    text = (
        DOCUMENT.replace("(2025)", "(2525)")
        .replace("| 2025 |", "| 2525 |")
        .replace("producer", "")
        .replace("director: Len Wiseman.", "producer: Len Wiseman.")
        .replace("Ian McShane", "Ian McShane (as Winston)")
    )
    with pytest.raises(HouseStyleError) as raised:
        parse_document(text, limits=limits)
    assert [str(error) for error in raised.value.errors] == [
        "line 1: expected a year from 1870 to 2100, not 2525",
        "line 2: expected a one-sentence logline of at most 40 characters (this one has 76)",
        "line 9: expected “director:”, “directors:”, “writer:”, “writers:” or “starring:”, "
        "not “producer:”",
        "line 10: expected a name of at most 12 characters",  # Derek Kolstad
        "line 11: expected a character of at most 5 characters",
    ]
    assert parse_document(DOCUMENT, limits=Limits(name=13)).credits  # at the limit: fine
