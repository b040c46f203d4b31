"""Text folding shared by search, the review importer and mention linking."""

import unicodedata

# Letters that Unicode does not decompose into a base letter and an accent.
_LETTERS = str.maketrans(
    {
        "ø": "o",
        "Ø": "o",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "ð": "d",
        "Ð": "d",
        "þ": "th",
        "Þ": "th",
        "ħ": "h",
        "Ħ": "h",
        "ı": "i",
    }
)


def fold(text: str) -> str:
    """Lower-case, without accents: ``Amélie`` → ``amelie``, ``Straße`` → ``strasse``,
    ``Søren`` → ``soren``. Punctuation and spaces are left as they are."""
    if text.isascii():  # most text: nothing to translate, decompose or drop
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.translate(_LETTERS).casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def initials(name: str) -> str:
    """For the monogram shown where there is no picture: "Keanu Reeves" → "KR", "50 Cent" →
    "5C", "Cher" → "C"."""
    words = [word for word in name.split() if word[:1].isalnum()]
    return "".join(word[0] for word in words[:1] + words[1:][-1:]).upper()
