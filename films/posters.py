"""Posters for films that have none: typographic, in the house style, and the same every time
for the same title, year and directors, so each is made once and stored.

``stored_poster(PosterText(title, year, directors))`` returns the PNG's bytes, making and
storing it the first time (in the default storage, under a name made from what it shows: a
change of title or director makes a new one). Pillow draws it with the sans-serif font it
ships, so no font need be installed.
"""

import functools
import hashlib
import io
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageDraw, ImageFont

from core.text import fold

WIDTH, HEIGHT = 480, 720  # 2:3, as posters are
MARGIN = 40
FOLDER = "posters/generated"

# (paper, ink, accent): colours a magazine's art desk would print a poster in.
PALETTES = [
    ("#7f1d1d", "#fdf6e3", "#f59e0b"),
    ("#1e293b", "#f8fafc", "#38bdf8"),
    ("#14532d", "#fefce8", "#facc15"),
    ("#27272a", "#fafaf9", "#f97316"),
    ("#4a044e", "#fdf4ff", "#f472b6"),
    ("#134e4a", "#f0fdfa", "#fcd34d"),
    ("#f5f0e6", "#1c1917", "#b91c1c"),
    ("#0c0a09", "#f5f5f4", "#dc2626"),
    ("#fef3c7", "#292524", "#1d4ed8"),
    ("#312e81", "#eef2ff", "#fb7185"),
]


@dataclass(frozen=True)
class PosterText:
    title: str
    year: int
    directors: tuple[str, ...]

    @property
    def digest(self) -> str:
        text = "\n".join([self.title, str(self.year), *self.directors])
        return hashlib.sha256(text.encode()).hexdigest()

    @property
    def file_name(self) -> str:
        return f"{FOLDER}/{self.digest[:20]}.png"


def stored_poster(text: PosterText) -> bytes:
    """The generated poster showing ``text``: read from storage, or made and stored once."""
    if default_storage.exists(text.file_name):
        with default_storage.open(text.file_name) as stored:
            return stored.read()
    image = render(text)
    saved = default_storage.save(text.file_name, ContentFile(image))
    if saved != text.file_name:  # another request stored it a moment before
        default_storage.delete(saved)
    return image


def render(text: PosterText) -> bytes:
    """The poster as PNG bytes: a field of colour, the year at the top, shapes placed by the
    digest, the title large above the directors at the foot."""
    seed = bytes.fromhex(text.digest)
    paper, ink, accent = PALETTES[seed[0] % len(PALETTES)]
    image = Image.new("RGB", (WIDTH, HEIGHT), paper)
    draw = ImageDraw.Draw(image)

    title = printable(text.title.upper())
    size, lines = _fit_title(draw, title)
    line_height = round(size * 1.08)
    bottom = HEIGHT - MARGIN - 64
    top = bottom - line_height * len(lines)
    _shapes(draw, seed, accent, room=(MARGIN + 50, top - 24))

    small = ImageFont.load_default(size=22)
    draw.text((MARGIN, MARGIN), str(text.year), font=small, fill=ink)
    draw.line([(MARGIN, MARGIN + 34), (WIDTH - MARGIN, MARGIN + 34)], fill=ink, width=2)
    font = ImageFont.load_default(size=size)
    for number, line in enumerate(lines):
        position = (MARGIN, top + number * line_height)
        draw.text(position, line, font=font, fill=ink, stroke_width=size // 28, stroke_fill=ink)

    if directors := printable(" & ".join(text.directors).upper()):
        credit = f"A FILM BY {directors}"
        rule = HEIGHT - MARGIN - 40
        draw.line([(MARGIN, rule), (WIDTH - MARGIN, rule)], fill=ink)
        draw.text((MARGIN, rule + 14), credit, font=_fitting(draw, credit), fill=ink)

    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _shapes(draw: ImageDraw.ImageDraw, seed: bytes, accent: str, room: tuple[int, int]) -> None:
    """A disc and a few bars between the year and the title, each placed by a byte of the
    digest: no two films alike, and nothing drawn under the words."""
    above, below = room
    if below - above < 60:
        return
    radius = min(90 + seed[1] % 130, below - above)
    x = MARGIN + seed[2] % (WIDTH - 2 * MARGIN)
    y = below - radius
    draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=accent)
    for index in range(seed[4] % 4):
        bar = above + (seed[5 + index] * (below - above - 6)) // 255
        width = 60 + seed[9 + index] % (WIDTH - 2 * MARGIN - 60)
        draw.rectangle([MARGIN, bar, MARGIN + width, bar + 6], fill=accent)


def printable(text: str) -> str:
    """``text`` with what the font cannot draw made plain (dashes, quotes, accents) or left
    out (other scripts), so a poster never shows a missing-glyph box."""
    text = text.translate(PLAIN)
    return " ".join("".join(_plain(ch) for ch in text).split())


def _plain(char: str) -> str:
    """The character, or its letters without their accents (É → E, Ø → O), or nothing."""
    if _drawable(char):
        return char
    letters = fold(char) if char.islower() else fold(char).upper()
    return "".join(part for part in letters if part.isascii())


PLAIN = str.maketrans({"–": "-", "—": "-", "‘": "'", "’": "'", "“": '"', "”": '"', "…": "..."})


@functools.cache
def _drawable(char: str) -> bool:
    """Whether the bundled font has a glyph for ``char``: a missing one draws the same box
    as a private-use character does."""
    return char.isascii() or _mask(char) != _mask("\ue000")


@functools.cache
def _mask(char: str) -> bytes:
    image = Image.new("L", (40, 40))
    ImageDraw.Draw(image).text((4, 4), char, font=ImageFont.load_default(size=24), fill=255)
    return image.tobytes()


def _fit_title(draw: ImageDraw.ImageDraw, title: str) -> tuple[int, list[str]]:
    """The largest size, from 88 down, at which the title wraps into at most five lines
    within the margins and every word fits on a line."""
    room = WIDTH - 2 * MARGIN
    for size in range(88, 17, -4):
        font = ImageFont.load_default(size=size)
        lines = _wrap(draw, title, font, room)
        if lines is not None and len(lines) <= 5:
            return size, lines
    return 18, [title[:40]]


def _wrap(draw, text: str, font, room: int) -> list[str] | None:
    lines: list[str] = []
    for word in text.split():
        if draw.textlength(word, font=font) > room:
            return None
        if lines and draw.textlength(f"{lines[-1]} {word}", font=font) <= room:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


def _fitting(draw, text: str):
    for size in range(18, 9, -1):
        font = ImageFont.load_default(size=size)
        if draw.textlength(text, font=font) <= WIDTH - 2 * MARGIN:
            return font
    return ImageFont.load_default(size=10)
