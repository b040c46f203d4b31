"""Uploaded images: checked by what they hold, cleaned, and made into renditions once.

``PictureField`` is an ImageField whose form field (used by the admin and the API) opens the
upload with Pillow, refuses it when it is too large in bytes or pixels, and keeps a copy with
its orientation applied and its metadata (EXIF, GPS) dropped. When a new file is stored, its
renditions are made at once: each width the field names, as WebP and as JPEG, named after the
source (``renditions/<source>.<width>w.<ext>``), so a page builds their addresses from the
stored name and width alone, with no lookup. django-imagekit makes them (its specs and Pillow
processors); its backend setting can move the work to a queue later.

``picture(file, width, height)`` describes one for templates and the API: see ``Picture``.
"""

import contextlib
import io
import posixpath
import warnings
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.db.models.fields.files import ImageFieldFile
from imagekit import ImageSpec
from imagekit.cachefiles import ImageCacheFile
from imagekit.processors import ResizeToFit
from PIL import Image, ImageOps

MAX_BYTES = getattr(settings, "IMAGE_MAX_BYTES", 20 * 1024 * 1024)
MAX_PIXELS = getattr(settings, "IMAGE_MAX_PIXELS", 50_000_000)  # a 50-megapixel camera's
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
RENDITION_FORMATS = (("WEBP", "webp"), ("JPEG", "jpg"))
FOLDER = "renditions"


@dataclass(frozen=True)
class Picture:
    """An image as a page shows it: its address, size, and the srcset of each format."""

    url: str
    width: int
    height: int
    srcsets: tuple[tuple[str, str], ...] = ()  # (MIME type, srcset), best format first

    @property
    def fallback_srcset(self) -> str:
        return self.srcsets[-1][1] if self.srcsets else ""

    @property
    def renditions(self) -> list[dict]:
        """Each rendition's address, width and format, for the API."""
        return [
            {"url": url, "width": int(width[:-1]), "type": mime}
            for mime, srcset in self.srcsets
            for url, width in (entry.rsplit(" ", 1) for entry in srcset.split(", "))
        ]


def rendition_widths(widths: tuple[int, ...], source_width: int) -> list[int]:
    """The widths made of a source ``source_width`` wide: never wider than the source."""
    made = sorted({min(width, source_width) for width in widths})
    return made or [source_width]


def rendition_name(source_name: str, width: int, extension: str) -> str:
    stem, _ = posixpath.splitext(source_name)
    return f"{FOLDER}/{stem}.{width}w.{extension}"


def rendition_url(storage, source_name: str):
    """(width, extension) -> the rendition's address. FileSystemStorage's url() is its base URL
    and the quoted name, so their common part is made once; other storages are asked each time."""
    if storage.__class__.url is FileSystemStorage.url:
        stem = storage.url(f"{FOLDER}/{posixpath.splitext(source_name)[0]}")
        return lambda width, extension: f"{stem}.{width}w.{extension}"
    return lambda width, extension: storage.url(rendition_name(source_name, width, extension))


def picture(file, width: int | None, height: int | None, widths: tuple[int, ...]) -> Picture:
    """The Picture of a stored file whose size is known (the field's width and height)."""
    url = file.storage.url(file.name)
    if not (width and height):  # stored before sizes were kept: the original alone
        return Picture(url, width or 0, height or 0)
    made = rendition_widths(widths, width)
    url_of = rendition_url(file.storage, file.name)
    srcsets = tuple(
        (
            f"image/{'jpeg' if extension == 'jpg' else extension}",
            ", ".join(f"{url_of(w, extension)} {w}w" for w in made),
        )
        for _, extension in RENDITION_FORMATS
    )
    return Picture(url, width, height, srcsets)


class Rendition(ImageSpec):
    """``width`` wide at most, in ``format``; never enlarged."""

    options = {"quality": 82}

    def __init__(self, source, width: int, format: str):
        self.processors = [ResizeToFit(width=width, upscale=False)]
        self.format = format
        super().__init__(source=source)


def make_renditions(file, widths: tuple[int, ...], source_width: int) -> list[str]:
    """Make and store every rendition of ``file``; returns their names."""
    names = []
    for width in rendition_widths(widths, source_width):
        for image_format, extension in RENDITION_FORMATS:
            rendition = ImageCacheFile(
                Rendition(source=file, width=width, format=image_format),
                name=rendition_name(file.name, width, extension),
                storage=file.storage,
            )
            rendition.generate(force=True)
            names.append(rendition.name)
    return names


def cleaned_upload(upload) -> SimpleUploadedFile:
    """The upload as a clean image file, or a ValidationError saying what is wrong with it.

    Pillow reads the header first, so a decompression bomb is refused by its pixel count
    before any of it is decoded."""
    if upload.size > MAX_BYTES:
        raise ValidationError(
            f"This file is {upload.size / 1_048_576:.1f} MB; images may be at most "
            f"{MAX_BYTES // 1_048_576} MB.",
            code="file_too_large",
        )
    data = upload.read()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                image_format = probe.format
                pixels = probe.width * probe.height
                if image_format not in FORMATS:
                    raise ValidationError(
                        f"{image_format} images are not accepted: upload a JPEG, PNG, WebP or GIF.",
                        code="invalid_image_format",
                    )
                if pixels > MAX_PIXELS:
                    raise _too_many_pixels(probe.width, probe.height)
                probe.verify()
            with Image.open(io.BytesIO(data)) as image:
                image.load()
                cleaned = ImageOps.exif_transpose(image)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as bomb:
        raise ValidationError(
            f"This image has too many pixels to open safely: at most {MAX_PIXELS // 1_000_000} "
            "million.",
            code="too_many_pixels",
        ) from bomb
    except ValidationError:
        raise
    except Exception as error:  # Pillow raises many kinds for a damaged file
        raise ValidationError(
            "This file is not an image, or it is damaged: upload a JPEG, PNG, WebP or GIF.",
            code="invalid_image",
        ) from error
    out = io.BytesIO()
    save_format = "PNG" if image_format in ("PNG", "GIF") else image_format
    if save_format == "JPEG" and cleaned.mode not in ("RGB", "L"):
        cleaned = cleaned.convert("RGB")
    # Saved afresh without exif, icc or comment blocks: no camera, place or owner goes public.
    cleaned.save(out, format=save_format, **({"quality": 92} if save_format != "PNG" else {}))
    stem, _ = posixpath.splitext(posixpath.basename(upload.name or "image"))
    name = f"{stem or 'image'}.{FORMATS[save_format]}"
    return SimpleUploadedFile(name, out.getvalue(), content_type=f"image/{save_format.lower()}")


def _too_many_pixels(width: int, height: int) -> ValidationError:
    return ValidationError(
        f"This image is {width:,} × {height:,} pixels; images may have at most "
        f"{MAX_PIXELS // 1_000_000} million.",
        code="too_many_pixels",
    )


class PictureFormField(forms.ImageField):
    """Django's ImageField (Pillow opens and verifies the file), refusing files too large in
    bytes or pixels, and answering with the cleaned copy."""

    def to_python(self, data):
        if data in self.empty_values:
            return None
        return super().to_python(cleaned_upload(data))


class PictureFieldFile(ImageFieldFile):
    def save(self, name, content, save=True):
        """Store the file, then its renditions: every new file, a form's or a script's, is
        stored through here."""
        super().save(name, content, save=False)
        make_renditions(self, self.field.widths, self.width)
        if save:
            self.instance.save()


class PictureField(models.ImageField):
    """An ImageField whose uploads are cleaned (PictureFormField) and whose renditions are
    made when a new file is stored, at each of ``widths``."""

    attr_class = PictureFieldFile

    def __init__(self, *args, widths: tuple[int, ...] = (320, 640, 1280), **kwargs):
        self.widths = tuple(widths)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["widths"] = self.widths
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": PictureFormField, **kwargs})

    def update_dimension_fields(self, instance, force=False, *args, **kwargs):
        """Django reads a stored file again whenever the field is assigned (as full_clean
        does): a round trip to the storage on every save, and a 500 if the file has gone
        missing. A stored file whose size is on the row is not read."""
        if self.attname not in instance.__dict__:  # deferred: Django's own first check
            return
        value = instance.__dict__[self.attname]  # no FieldFile made: this runs for every row read
        if not value and not force:  # no file: Django's second check
            return
        sizes = (instance.__dict__.get(self.width_field), instance.__dict__.get(self.height_field))
        stored = isinstance(value, str) or getattr(value, "_committed", False)  # a row's name
        if value and stored and all(sizes):
            return
        # Stored but unreadable: its size stays unknown, and the page still shows it.
        with contextlib.suppress(OSError):
            super().update_dimension_fields(instance, force, *args, **kwargs)

    def picture_of(self, instance) -> Picture | None:
        file = getattr(instance, self.attname)
        if not file:
            return None
        width = getattr(instance, self.width_field) if self.width_field else None
        height = getattr(instance, self.height_field) if self.height_field else None
        return picture(file, width, height, self.widths)
