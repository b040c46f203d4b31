"""Pure text handling for search: folding, words, query parsing and one-edit typo maths.

No Django here. The index stores text already folded by ``core.text.fold()``, and queries are
folded the same way, so SQLite and PostgreSQL compare exactly the same words whatever their own
tokenisers or accent rules would have made of the raw text.
"""

import html
import re
from bisect import bisect_left
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache

from core.text import fold

MAX_QUERY_LENGTH = 200
MAX_WORDS = 8
# Typos are forgiven in words of at least this many characters (one edit: balerina, kenau).
MIN_TYPO_LENGTH = 4
# Longer words are never misspelt by one letter in a way worth the candidate search.
MAX_TYPO_LENGTH = 30
# The vocabulary searched for typo candidates holds words of these lengths (a 4-letter word's
# one-edit neighbours are 3 to 5 letters long).
MIN_TERM_LENGTH = MIN_TYPO_LENGTH - 1
MAX_TERM_LENGTH = MAX_TYPO_LENGTH + 1
FIRST_YEAR, LAST_YEAR = 1870, 2100

_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    """The folded words of ``text``: letters and digits only, so punctuation, emoji and
    control characters separate words and never reach a query."""
    return _WORD.findall(fold(text))


def normalise(text: str) -> str:
    """Folded words joined by single spaces: what the index stores and compares."""
    return " ".join(words(text))


def clean_query(raw: str) -> str:
    """Printable text only, bounded in length: what the page shows back to the reader."""
    printable = "".join(ch if ch.isprintable() else " " for ch in raw[: MAX_QUERY_LENGTH * 2])
    return " ".join(printable.split())[:MAX_QUERY_LENGTH].strip()


@dataclass(frozen=True)
class ParsedQuery:
    text: str
    words: tuple[str, ...]
    year: int | None = None

    @property
    def prefix(self) -> str | None:
        """The last word, matched as the start of a word while it is being typed (balle →
        ballerina). Not a trailing year, and not a single character, which would match half
        the index."""
        if not self.words or self.year is not None or len(self.words[-1]) < 2:
            return None
        return self.words[-1]

    @property
    def title_words(self) -> tuple[str, ...]:
        """The words compared with titles: all but a trailing year."""
        return self.words[:-1] if self.year is not None else self.words

    def __bool__(self) -> bool:
        return bool(self.words)


def parse_query(raw: str) -> ParsedQuery:
    """Words to search for. A trailing four-digit year after other words narrows to that year
    (``ballerina 2025``); it stays a word, as the index holds each film's year as one."""
    text = clean_query(raw)
    found = words(text)[:MAX_WORDS]
    last = found[-1] if found else ""
    trailing_year = len(found) > 1 and len(last) == 4 and last.isdigit()
    year = int(last) if trailing_year and FIRST_YEAR <= int(last) <= LAST_YEAR else None
    return ParsedQuery(text=text, words=tuple(found), year=year)


def typo_eligible(word: str) -> bool:
    return MIN_TYPO_LENGTH <= len(word) <= MAX_TYPO_LENGTH and not word.isdigit()


def vocabulary_term(word: str) -> bool:
    """Whether a word of the index belongs in the vocabulary searched for typo candidates."""
    return MIN_TERM_LENGTH <= len(word) <= MAX_TERM_LENGTH and not word.isdigit()


def within_one_edit(a: str, b: str) -> bool:
    """At most one insertion, deletion, substitution or swap of neighbours (kenau → keanu):
    the optimal string alignment distance is 0 or 1."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        differing = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(differing) == 1:
            return True
        if len(differing) == 2:
            i, j = differing
            return j == i + 1 and a[i] == b[j] and a[j] == b[i]
        return False
    shorter, longer = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(shorter) and shorter[i] == longer[i]:
        i += 1
    return shorter[i:] == longer[i + 1 :]


def anchors(word: str) -> tuple[int, int]:
    """(wide, narrow): every one-edit neighbour of ``word`` starts with its first ``wide``
    letters, or ends with its last ``wide``, or does both with ``narrow`` letters (narrow 0:
    the first two always hold). So an index on the words and one on the reversed words find
    them all, reading few others.

    An edit at position p leaves the first p letters alone and, at worst (a swap of p and
    p + 1), the last len - p - 2. If p >= wide, the prefix holds; if p <= len - 2 - wide, the
    suffix; any p between leaves at least len - 1 - wide = narrow letters at each end.
    """
    narrow = max(1, len(word) // 3)
    wide = len(word) - 1 - narrow
    return wide, narrow if narrow <= wide - 1 else 0


def closest(word: str, candidates: set[str], limit: int) -> list[str]:
    """The one-edit neighbours of ``word`` among ``candidates``, most alike first (same first
    letter, same length), at most ``limit``: the same order on every database."""
    near = [term for term in candidates if term != word and within_one_edit(word, term)]
    near.sort(key=lambda term: (term[0] != word[0], abs(len(term) - len(word)), term))
    return near[:limit]


_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_ANGLE = re.compile(r"<[^>]*>")
_MARKUP = re.compile(r"[*_`#>~|]+")
_SPACE_BEFORE_PUNCTUATION = re.compile(r" ([,.;:!?])")


def markdown_to_text(markdown: str) -> str:
    """The words of a review's Markdown without its markup: link text but not link targets,
    no tags, no emphasis marks."""
    # Each pass only where its characters occur: a search makes a snippet of twenty reviews.
    text = _LINK.sub(r"\1", markdown) if "](" in markdown else markdown
    if "<" in text:
        text = _ANGLE.sub(" ", text)
    return _SPACE_BEFORE_PUNCTUATION.sub(r"\1", " ".join(_MARKUP.sub("", text).split()))


def highlight(
    text: str, exact: Collection[str], prefixes: tuple[str, ...] = (), *, width: int = 30
) -> str:
    """HTML for a snippet of ``text``: about ``width`` words around the densest run of words
    that match (folded, a word in ``exact`` or starting with one of ``prefixes``), those
    wrapped in <mark>, the rest escaped, with an ellipsis where the text was cut."""
    tokens = text.split()
    if not tokens:
        return ""
    found = _matching_tokens(tokens, frozenset(exact), tuple(prefixes))
    positions = sorted(found)
    start = best = 0
    for index in positions:
        candidate = max(0, index - 5)
        window = positions[
            bisect_left(positions, candidate) : bisect_left(positions, candidate + width)
        ]
        score = len(set().union(*(found[position] for position in window)))
        if score > best:
            start, best = candidate, score
    end = min(len(tokens), start + width)

    def matches(word: str) -> bool:
        return word in exact or word.startswith(prefixes)

    # Runs of plain words are escaped together, matching words one by one.
    pieces, plain_from = [], start
    for index in positions:
        if start <= index < end:
            if plain_from < index:
                pieces.append(html.escape(" ".join(tokens[plain_from:index])))
            pieces.append(_marked(tokens[index], matches))
            plain_from = index + 1
    if plain_from < end:
        pieces.append(html.escape(" ".join(tokens[plain_from:end])))
    return ("… " if start else "") + " ".join(pieces) + (" …" if end < len(tokens) else "")


def _matching_tokens(
    tokens: list[str], exact: frozenset[str], prefixes: tuple[str, ...]
) -> dict[int, set[str]]:
    """{index of a token: the matching words in it}, found by one regular expression over the
    whole folded text rather than word by word (a review is thousands of words)."""
    pattern = _matching_pattern(exact, prefixes)
    if pattern is None:
        return {}
    folded = fold(" ".join(tokens))
    if folded.count(" ") != len(tokens) - 1:  # a character that folds to a space (¨ → " ̈")
        folded = " ".join(fold(token).replace(" ", "") for token in tokens)
    found: dict[int, set[str]] = {}
    index = position = 0
    for match in pattern.finditer(folded):
        index += folded.count(" ", position, match.start())
        position = match.start()
        found.setdefault(index, set()).add(match.group())
    return found


@lru_cache(maxsize=64)
def _matching_pattern(exact: frozenset[str], prefixes: tuple[str, ...]) -> re.Pattern | None:
    """The words to mark as one expression, made once for all the reviews of a search."""
    choices = [re.escape(word) + r"(?![^\W_])" for word in sorted(exact)]
    choices += [re.escape(prefix) + r"[^\W_]*" for prefix in prefixes]
    if not choices:
        return None
    return re.compile(r"(?<![^\W_])(?:" + "|".join(choices) + ")")


def _marked(token: str, matches) -> str:
    """Escape ``token``, wrapping its matching words (not its punctuation) in <mark>."""
    out, last = [], 0
    for match in _WORD.finditer(token):
        if not any(matches(word) for word in words(match.group())):
            continue
        out.append(html.escape(token[last : match.start()]))
        out.append(f"<mark>{html.escape(match.group())}</mark>")
        last = match.end()
    out.append(html.escape(token[last:]))
    return "".join(out)
