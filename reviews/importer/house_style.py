"""Read a review written in the house style. Plain Python, no Django: the importer's service
resolves what this module reads against the database.

A document is a title line, a one-line logline, the review, and a footer of facts::

    BALLERINA (2025)
    An assassin raised by the Ruska Roma hunts her father's killers.
    <the review, one paragraph a line or Markdown>
    USA • HUNGARY | 2025 | 124 MINUTES | 2.39:1 | COLOUR | ENGLISH
    director: Len Wiseman.
    writer: Shay Hatten (based on characters created by Derek Kolstad).
    starring: Ana de Armas, Anjelica Huston & Keanu Reeves.

The footer is the fact line and the ``label:`` lines after it. Every part of the fact line but
the year is optional. Anything unreadable raises :class:`HouseStyleError` listing each line by
number with what was expected there.
"""

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from core.text import fold

# Credit roles and colours, spelled as films.models.CreditRole and FilmColour store them.
DIRECTOR, WRITER, SOURCE, CAST = "director", "writer", "source", "cast"
COLOUR, BLACK_AND_WHITE, MIXED = "colour", "black-and-white", "mixed"

CREDIT_LABELS = {
    "director": DIRECTOR,
    "directors": DIRECTOR,
    "writer": WRITER,
    "writers": WRITER,
    "starring": CAST,
}
COLOURS = {
    "COLOUR": COLOUR,
    "COLOR": COLOUR,
    "BLACK & WHITE": BLACK_AND_WHITE,
    "B & W": BLACK_AND_WHITE,
    "COLOUR & BLACK & WHITE": MIXED,
    "COLOR & BLACK & WHITE": MIXED,
    "BLACK & WHITE & COLOUR": MIXED,
    "BLACK & WHITE & COLOR": MIXED,
}
LIST_SEPARATORS = "•·"  # countries and languages: USA • HUNGARY

FACT_LINE_EXAMPLE = "USA • HUNGARY | 2025 | 124 MINUTES | 2.39:1 | COLOUR | ENGLISH"
TITLE_EXAMPLE = "BALLERINA (2025)"
CREDIT_EXAMPLE = "director: Len Wiseman."
MAX_BAD_FOOTER_LINES = 5  # how far above the credits a fact line is looked for
NAME_EXAMPLE = "Ana de Armas"
LABELS_EXPECTED = "“director:”, “directors:”, “writer:”, “writers:” or “starring:”"
FACT_PARTS_EXPECTED = (
    "countries, the year, a runtime such as 124 MINUTES, an aspect ratio such as 2.39:1, "
    "COLOUR, BLACK & WHITE or COLOUR & BLACK & WHITE, or languages"
)

TITLE_LINE = re.compile(r"(?P<title>\S.*?)\s*\((?P<year>\d{4})\)")
CREDIT_LINE = re.compile(r"(?P<label>[^\W\d_][^\W\d]*(?: [^\W\d]+)?)\s*:(?:\s+(?P<value>.*)|$)")
YEAR = re.compile(r"\d{4}")
RUNTIME = re.compile(r"(?P<minutes>\d{1,4})\s*(?:MINUTES?|MINS?\.?)", re.IGNORECASE)
ASPECT_RATIO = re.compile(r"(?P<width>\d{1,2}(?:\.\d{1,2})?)\s*:\s*1")
LOOKS_LIKE_A_RATIO = re.compile(r"[\d.]+\s*:\s*[\d.]+")
NAME_LIKE = re.compile(r"[^\W\d_][\w'’.,()\- ]*")  # a country or language: CÔTE D'IVOIRE
# A person: letters, digits, spaces, apostrophes, hyphens, periods (Nyong'o, J.J. Abrams).
NAME = re.compile(r"[^\W_](?:[\w'’.\- ]*[\w.])?")
AS_CHARACTER = re.compile(r"as\s+(?P<character>\S.*)", re.IGNORECASE | re.DOTALL)
SOURCE_NOTE = re.compile(r"(?P<note>\S.*?\bby)\s+(?P<names>\S.*)", re.IGNORECASE | re.DOTALL)
NAME_SUFFIXES = {"jr", "sr"}  # keep their period when a line's final full stop is dropped


@dataclass(frozen=True)
class LineError:
    number: int
    message: str

    def __str__(self) -> str:
        return f"line {self.number}: {self.message}"


class HouseStyleError(ValueError):
    """One or more lines could not be read; ``errors`` says which and what was expected.
    ``facts`` is the fact line when it could be read, for checks a caller adds."""

    def __init__(self, errors: list[LineError], *, facts: "Facts | None" = None):
        self.errors = sorted(errors, key=lambda error: error.number)
        self.facts = facts
        super().__init__("; ".join(str(error) for error in self.errors))


@dataclass(frozen=True)
class Limits:
    """What the database can hold, checked with everything else so every line is reported
    at once. The defaults limit nothing."""

    first_year: int = 0
    last_year: int = 9999
    title: int | None = None
    logline: int | None = None
    name: int | None = None
    note: int | None = None
    character: int | None = None


NO_LIMITS = Limits()


@dataclass(frozen=True)
class Facts:
    line: int
    year: int
    countries: tuple[str, ...] = ()
    runtime_minutes: int | None = None
    aspect_ratio: str = ""
    colour: str = ""
    languages: tuple[str, ...] = ()


@dataclass(frozen=True)
class CreditLine:
    """One credit as written: ``order`` counts from 1 within the role."""

    role: str
    name: str
    order: int
    line: int
    note: str = ""
    character: str = ""


@dataclass(frozen=True)
class ReviewDocument:
    title: str
    year: int
    logline: str
    body: str
    facts: Facts
    credits: tuple[CreditLine, ...]
    title_line: int
    logline_line: int


_SAME_PUNCTUATION = str.maketrans(
    {"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'", "‐": "-", "‑": "-", "–": "-", "—": "-"}
)


def normalise(text: str) -> str:
    """How names and titles compare: folded (no case or accents: Søren = SOREN), with curly
    quotes and dashes made straight and runs of spaces made one."""
    return " ".join(fold(text.translate(_SAME_PUNCTUATION)).split())


def parse_document(text: str, *, limits: Limits = NO_LIMITS) -> ReviewDocument:
    """Read a whole review document, or raise :class:`HouseStyleError` listing every line that
    cannot be read (or breaks ``limits``), not only the first."""
    lines = text.removeprefix("\ufeff").splitlines()
    errors = _control_characters(lines)
    # Read on without them, so the lines' other faults are reported too.
    lines = ["".join(" " if _is_control(c) else c for c in line) for line in lines]
    numbered = [(number, line.strip()) for number, line in enumerate(lines, start=1)]
    filled = [(number, line) for number, line in numbered if line]
    if not filled:
        errors.append(LineError(1, f"expected the title and year, e.g. {TITLE_EXAMPLE}"))
        raise HouseStyleError(errors)

    title_number, title_line = filled[0]
    title_match = TITLE_LINE.fullmatch(title_line)
    if not title_match:
        errors.append(
            LineError(
                title_number,
                f"expected the title and year, e.g. {TITLE_EXAMPLE}, not “{title_line}”",
            )
        )

    fact_index, footer = _footer(filled)
    if fact_index == 0:
        number = filled[1][0] if len(filled) > 1 else title_number + 1
        errors.append(LineError(number, f"expected the fact line, e.g. {FACT_LINE_EXAMPLE}"))
        raise HouseStyleError(errors)
    fact_number, fact_line = filled[fact_index]
    facts = None
    if not _looks_like_facts(fact_line, strict=False):
        errors.append(
            LineError(
                fact_number,
                f"expected the fact line, e.g. {FACT_LINE_EXAMPLE}, or a credit line such as "
                f"“{CREDIT_EXAMPLE}”, not “{_shortened(fact_line)}”",
            )
        )
    else:
        try:
            facts = parse_fact_line(fact_line, fact_number)
        except HouseStyleError as error:
            errors.extend(error.errors)

    credits: list[CreditLine] = []
    for number, line in footer:
        try:
            credits.extend(parse_credit_line(line, number))
        except HouseStyleError as error:
            errors.extend(error.errors)
    try:
        credits = _numbered_credits(credits)
    except HouseStyleError as error:
        errors.extend(error.errors)
    errors.extend(_credits_too_long(credits, limits))

    if title_match:
        errors.extend(_title_breaks_limits(title_match, title_number, limits))
    if title_match and facts and facts.year != int(title_match["year"]):
        errors.append(
            LineError(
                fact_number,
                f"the year {facts.year} does not match the title's ({title_match['year']})",
            )
        )
    if fact_index == 1:
        errors.append(
            LineError(fact_number, "expected a one-line logline and the review before the facts")
        )
        raise HouseStyleError(errors, facts=facts)
    logline_number, logline = filled[1]
    if limits.logline is not None and len(logline) > limits.logline:
        errors.append(
            LineError(
                logline_number,
                f"expected a one-sentence logline of at most {limits.logline} characters "
                f"(this one has {len(logline)})",
            )
        )
    body = _body(lines[logline_number : fact_number - 1], logline)
    if not body:
        errors.append(
            LineError(logline_number + 1, "expected the review between the logline and the facts")
        )

    if errors:
        raise HouseStyleError(errors, facts=facts)
    return ReviewDocument(
        title=title_match["title"],
        year=int(title_match["year"]),
        logline=logline,
        body=body,
        facts=facts,
        credits=tuple(credits),
        title_line=title_number,
        logline_line=logline_number,
    )


def _footer(filled: list[tuple[int, str]]) -> tuple[int, list[tuple[int, str]]]:
    """Where the fact line is among the filled lines, and the lines after it (credits).

    Read from the end: the credit lines, and the fact line just above them. A line there that
    is neither (“directed by …”) stops the run; then the nearest fact line a few lines up is
    the fact line, and each line below it is read as a credit line, so that every bad one is
    reported rather than only the last."""
    footer_start = len(filled)
    while footer_start > 1 and CREDIT_LINE.fullmatch(filled[footer_start - 1][1]):
        footer_start -= 1
    fact_index = footer_start - 1
    if fact_index > 0 and not _looks_like_facts(filled[fact_index][1], strict=False):
        lowest = max(2, fact_index - MAX_BAD_FOOTER_LINES)
        for index in range(fact_index - 1, lowest - 1, -1):
            if _looks_like_facts(filled[index][1], strict=True):
                fact_index = index
                break
    return fact_index, filled[fact_index + 1 :]


def _looks_like_facts(line: str, *, strict: bool) -> bool:
    """``strict``: a bar-separated line with a year in it, or a year alone; else any line with
    a bar, which the fact line's reader then explains."""
    if YEAR.fullmatch(line):
        return True
    if strict:
        return "|" in line and any(YEAR.fullmatch(part.strip()) for part in line.split("|"))
    return "|" in line


def _title_breaks_limits(title_match: re.Match, number: int, limits: Limits) -> list[LineError]:
    errors = []
    year = int(title_match["year"])
    if not limits.first_year <= year <= limits.last_year:
        errors.append(
            LineError(
                number,
                f"expected a year from {limits.first_year} to {limits.last_year}, not {year}",
            )
        )
    if limits.title is not None and len(title_match["title"]) > limits.title:
        errors.append(LineError(number, f"expected a title of at most {limits.title} characters"))
    return errors


def _credits_too_long(credits: list[CreditLine], limits: Limits) -> list[LineError]:
    errors = []
    for credit in credits:
        for what, value, limit in [
            ("name", credit.name, limits.name),
            ("note", credit.note, limits.note),
            ("character", credit.character, limits.character),
        ]:
            if limit is not None and len(value) > limit:
                errors.append(
                    LineError(credit.line, f"expected a {what} of at most {limit} characters")
                )
    return errors


def parse_fact_line(line: str, number: int) -> Facts:
    """``USA • HUNGARY | 2025 | 124 MINUTES | 2.39:1 | COLOUR | ENGLISH``; only the year is
    required. Names before the year are countries, names after it languages."""
    errors: list[LineError] = []
    found: dict[str, object] = {}
    name_lists: list[tuple[str, ...]] = []
    year_seen_at = None

    def once(kind: str, value: object, part: str) -> None:
        if kind in found:
            errors.append(LineError(number, f"the {kind} is given twice (“{part}”)"))
        found[kind] = value

    for part in (part.strip() for part in line.split("|")):
        upper = " ".join(part.upper().replace(" AND ", " & ").split())
        upper = upper.replace("B&W", "B & W")
        if not part:
            errors.append(LineError(number, "expected a fact between each “|”, found nothing"))
        elif YEAR.fullmatch(part):
            once("year", int(part), part)
            year_seen_at = len(name_lists)
        elif match := RUNTIME.fullmatch(part):
            minutes = int(match["minutes"])
            if minutes == 0:
                errors.append(LineError(number, "expected a runtime of at least 1 minute"))
            once("runtime", minutes, part)
        elif match := ASPECT_RATIO.fullmatch(part):
            once("aspect ratio", f"{match['width']}:1", part)
        elif LOOKS_LIKE_A_RATIO.fullmatch(part):
            errors.append(
                LineError(number, f"expected an aspect ratio such as 2.39:1, not “{part}”")
            )
        elif upper in COLOURS:
            once("colour", COLOURS[upper], part)
        elif names := _fact_names(part):
            name_lists.append(names)
        else:
            errors.append(LineError(number, f"expected {FACT_PARTS_EXPECTED}, not “{part}”"))

    if "year" not in found:
        errors.append(
            LineError(number, f"expected the fact line with the year, e.g. {FACT_LINE_EXAMPLE}")
        )
    countries: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    if year_seen_at is not None:
        # Countries come first and languages last; any other list of words is unreadable.
        before, after = name_lists[:year_seen_at], name_lists[year_seen_at:]
        countries = before[0] if before else ()
        languages = after[-1] if after else ()
        for names in before[1:] + after[:-1]:
            unread = " • ".join(names)
            errors.append(LineError(number, f"expected {FACT_PARTS_EXPECTED}, not “{unread}”"))
    if errors:
        raise HouseStyleError(errors)
    return Facts(
        line=number,
        year=found["year"],
        countries=countries,
        runtime_minutes=found.get("runtime"),
        aspect_ratio=found.get("aspect ratio", ""),
        colour=found.get("colour", ""),
        languages=languages,
    )


def parse_credit_line(line: str, number: int) -> list[CreditLine]:
    """``starring: A, B & C.``; ``writer: A (based on the novel by B)``. Orders are left at 0
    for the caller to number across lines."""
    match = CREDIT_LINE.fullmatch(line.strip())
    label = match["label"].casefold() if match else ""
    if label not in CREDIT_LABELS:
        found = f"“{match['label']}:”" if match else f"“{line.strip()}”"
        raise HouseStyleError([LineError(number, f"expected {LABELS_EXPECTED}, not {found}")])
    role = CREDIT_LABELS[label]
    value = _without_final_full_stop((match["value"] or "").strip())
    if not value:
        raise HouseStyleError(
            [LineError(number, f"expected at least one name after “{match['label']}:”")]
        )

    credits: list[CreditLine] = []
    items, errors = _items(value, number)
    for name, asides in items:
        if not _valid_name(name):
            errors.append(_bad_name(number, name))
            continue
        note, character = [], ""
        pieces = [piece.strip() for aside in asides for piece in aside.split(";")]
        for aside in filter(None, pieces):
            if role == WRITER and (source := SOURCE_NOTE.fullmatch(aside)):
                source_items, source_errors = _items(source["names"], number)
                errors.extend(source_errors)
                for source_name, _ in source_items:
                    if _valid_name(source_name):
                        credits.append(
                            CreditLine(SOURCE, source_name, 0, number, note=source["note"])
                        )
                    else:
                        errors.append(_bad_name(number, source_name))
            elif role == CAST and (played := AS_CHARACTER.fullmatch(aside)):
                character = played["character"].strip()
            else:
                note.append(aside)
        credits.append(CreditLine(role, name, 0, number, note="; ".join(note), character=character))
    if errors:
        raise HouseStyleError(errors)
    # The people the line is about come first, their sources after.
    return [c for c in credits if c.role == role] + [c for c in credits if c.role != role]


def title_case(title: str, *, hints: tuple[str, ...] = ()) -> str:
    """A title typed in capitals, cased for the page: as the review spells it if it does
    (``BALLERINA`` → ``Ballerina``), else with small words in lower case (``No Time to Die``).
    A title that is not all capitals is kept as written."""
    letters = [char for char in title if char.isalpha()]
    if not letters or any(char.islower() for char in letters):
        return title
    pattern = re.compile(
        r"(?<!\w)" + r"\s+".join(re.escape(word) for word in title.split()) + r"(?!\w)",
        re.IGNORECASE,
    )
    spellings = Counter(
        match.group()
        for hint in hints
        for match in pattern.finditer(hint)
        if match.group()[0].isupper() and match.group() != match.group().upper()
    )
    if spellings:
        return " ".join(spellings.most_common(1)[0][0].split())
    words = title.split()
    cased = []
    for index, word in enumerate(words):
        bare = word.strip(":;,.!?").lower()
        after_colon = index > 0 and words[index - 1].endswith(":")
        inner = 0 < index < len(words) - 1
        if inner and not after_colon and bare in SMALL_WORDS:
            cased.append(word.lower())
        else:
            cased.append(_capitalise(word))
    return " ".join(cased)


SMALL_WORDS = {
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of", "on",
    "or", "per", "the", "to", "via", "vs", "with",
}  # fmt: skip
ROMAN_NUMERAL = re.compile(r"(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})")
CONTRACTIONS = {"s", "t", "ll", "re", "ve", "d", "m"}


def _capitalise(word: str) -> str:
    bare = word.strip(":;,.!?")
    if ROMAN_NUMERAL.fullmatch(bare) or any(char.isdigit() for char in word):
        return word
    if re.fullmatch(r"(?:[A-Z]\.)+", bare):  # initials: U.S.
        return word
    parts = re.split(r"([-'’])", word.lower())
    for index in range(0, len(parts), 2):
        after_apostrophe = index > 0 and parts[index - 1] in "'’"
        if not (after_apostrophe and parts[index] in CONTRACTIONS):
            parts[index] = parts[index][:1].upper() + parts[index][1:]
    return "".join(parts)


def _is_control(char: str) -> bool:
    return unicodedata.category(char) == "Cc" and char != "\t"


def _control_characters(lines: list[str]) -> list[LineError]:
    errors = []
    for number, line in enumerate(lines, start=1):
        bad = next((c for c in line if _is_control(c)), None)
        if bad is not None:
            errors.append(
                LineError(number, f"expected text, found the control character U+{ord(bad):04X}")
            )
    return errors


def _body(lines: list[str], logline: str) -> str:
    """The review as Markdown. A body without blank lines has a paragraph a line (as the house
    style is typed); one with blank lines is Markdown already. A first line repeating the
    logline is dropped: the logline becomes the standfirst."""
    text = "\n".join(line.rstrip() for line in lines).strip("\n")
    first_line, _, rest = text.partition("\n")
    if normalise(first_line) == normalise(logline):
        text = rest.strip("\n")
    if not text.strip():
        return ""
    if any(not line.strip() for line in text.splitlines()):
        paragraphs = [p.strip("\n") for p in re.split(r"\n[ \t]*\n", text) if p.strip()]
    else:
        paragraphs = [line.strip() for line in text.splitlines()]
    return "\n\n".join(paragraphs)


def _shortened(text: str, length: int = 60) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _fact_names(part: str) -> tuple[str, ...]:
    """``USA • HUNGARY`` → ("USA", "HUNGARY"); empty when the part is not a list of names."""
    for separator in LIST_SEPARATORS[1:]:
        part = part.replace(separator, LIST_SEPARATORS[0])
    names = tuple(" ".join(name.split()) for name in part.split(LIST_SEPARATORS[0]))
    if all(name and not any(c.isdigit() for c in name) and NAME_LIKE.fullmatch(name)
           for name in names):  # fmt: skip
        return names
    return ()


def _items(value: str, number: int) -> tuple[list[tuple[str, list[str]]], list[LineError]]:
    """Split ``A (x), B & C (y; z)`` at commas and ampersands outside brackets into
    (name, [asides]) pairs, with what is wrong with the brackets."""
    items: list[tuple[str, list[str]]] = []
    name, asides, aside, depth, closed = [], [], [], 0, False
    errors = []

    def finish() -> None:
        text = " ".join("".join(name).split())
        items.append((text, [" ".join("".join(a).split()) for a in asides]))

    for char in value:
        if depth == 0 and char in ",&":
            finish()
            name, asides, closed = [], [], False
        elif char == "(":
            if depth:
                aside.append(char)
            depth += 1
        elif char == ")" and depth:
            depth -= 1
            if depth:
                aside.append(char)
            else:
                asides.append(aside)
                aside, closed = [], True
        elif char == ")":
            errors.append(LineError(number, "found “)” without its “(”"))
        elif depth:
            aside.append(char)
        elif closed and not char.isspace():
            errors.append(LineError(number, f"expected “,” or “&” after “({''.join(asides[-1])})”"))
            closed = False
        else:
            name.append(char)
    if depth:
        errors.append(LineError(number, "expected a closing “)”"))
    finish()
    for _, item_asides in items:
        if any(not text for text in item_asides):
            errors.append(LineError(number, "expected something inside “( )”"))
    return items, errors[:1]  # the first fault of the brackets: the rest follow from it


def _valid_name(name: str) -> bool:
    return bool(NAME.fullmatch(name)) and any(char.isalpha() for char in name)


def _bad_name(number: int, name: str) -> LineError:
    found = f"“{name}”" if name else "nothing"
    return LineError(
        number,
        f"expected names such as {NAME_EXAMPLE} separated by “,” and “&”, found {found}",
    )


def _without_final_full_stop(value: str) -> str:
    if not value.endswith("."):
        return value
    value = value[:-1].rstrip()
    last_word = re.split(r"[\s,&(]", value)[-1]
    if last_word.casefold() in NAME_SUFFIXES:
        value += "."
    return value


def _numbered_credits(credits: list[CreditLine]) -> list[CreditLine]:
    """Number credits 1, 2, 3… within each role across lines; a name twice in a role is an
    error (the second would be the same credit)."""
    numbered, seen, errors = [], set(), []
    counts: Counter[str] = Counter()
    for credit in credits:
        key = (credit.role, normalise(credit.name))
        if key in seen:
            role = "source" if credit.role == SOURCE else credit.role
            errors.append(LineError(credit.line, f"“{credit.name}” is listed twice as {role}"))
            continue
        seen.add(key)
        counts[credit.role] += 1
        numbered.append(
            CreditLine(
                credit.role,
                credit.name,
                counts[credit.role],
                credit.line,
                note=credit.note,
                character=credit.character,
            )
        )
    if errors:
        raise HouseStyleError(errors)
    return numbered
