"""API v1 viewsets. Each ``get_queryset`` loads what its serializer reads, through the models'
named QuerySet methods, so list and detail pages run a fixed number of queries."""

import hashlib
import re
from contextlib import contextmanager
from functools import cached_property
from urllib.parse import urlencode

import reversion
from django.conf import settings
from django.db import transaction
from django.db.models import Count, Prefetch, prefetch_related_objects
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import parse_etags
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import exceptions, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from api import examples, feed, filters, serializers
from api.permissions import ChangesObject
from authors.models import Author
from core.links import absolute_url
from core.models import OldSlug
from core.pagecache import through_cache
from core.publishing import sees_drafts
from core.validators import IMDB_NAME_ID, IMDB_TITLE_ID
from films.models import Collection, Country, Credit, Film, Genre, Language, Still
from films.relations import touching
from lists.models import Entry, FilmList
from people.models import Person
from reviews.models import MENTIONED_IN_LIMIT, Review
from search.service import search

SLUG = r"[-a-zA-Z0-9_]+"
WIKIDATA = r"^Q[1-9][0-9]*$"
FEED_DEFAULT_LIMIT = 100
FEED_MAX_LIMIT = 1000


class VaryOnCredentialsMixin:
    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        # Answers differ by who asks (editors see drafts), so shared caches must key on it.
        patch_vary_headers(response, ["Authorization", "Cookie"])
        return response


class FilterListsMixin:
    """Query parameters filter lists. A detail is found by its slug alone: DRF would also build
    the list's filter form for it, the costliest step of an uncached detail after its queries."""

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset) if self.action == "list" else queryset


class CachedReadsMixin:
    """Anonymous reads are cached listings (core/pagecache.py): served from the cache until any
    save changes the catalogue. Authentication, permissions, throttling and content negotiation
    still run first (JSON is the only format, so the cached bytes are the answer).
    Lists and details carry an ETag of their content and answer a matching If-None-Match
    with 304."""

    def list(self, request, *args, **kwargs):
        def build() -> tuple[bytes, str]:
            content = rendered(super(CachedReadsMixin, self).list(request, *args, **kwargs).data)
            return content, etag_of(content)

        return conditional_read(request, *through_cache(request, build, shared=self.shared))

    def retrieve(self, request, *args, **kwargs):
        copy = through_cache(request, self.detail_and_etag, shared=self.shared)
        return conditional_read(request, *copy)

    def detail_and_etag(self) -> tuple[bytes, str]:
        content = rendered(self.get_serializer(self.get_object()).data)
        return content, etag_of(content)

    @property
    def shared(self) -> bool:
        """Whether this reader sees what an anonymous one does: a token or session that may
        not see drafts gets the anonymous copies (authentication and throttling ran first)."""
        return not sees_drafts(self.request.user, Review)


def conditional_read(request, content: bytes, etag: str) -> HttpResponse:
    """A read's answer with its ETag, or 304 if If-None-Match names it. Shared caches may keep
    an anonymous answer READ_MAX_AGE seconds; one for a signed-in client is theirs alone."""
    cache_control = (
        "private, no-cache"
        if request.user.is_authenticated
        else f"public, max-age={settings.API_READ_MAX_AGE}"
    )
    response = json_response(content, headers={"ETag": etag, "Cache-Control": cache_control})
    return get_conditional_response(request, etag=etag, response=response)


def etag_of(content: bytes) -> str:
    """A strong validator (RFC 9110): a hash of the exact bytes. If-Match compares strongly,
    so writes can only be made conditional on a strong ETag; If-None-Match still gets 304."""
    return f'"{hashlib.sha256(content).hexdigest()[:32]}"'


class PreconditionFailed(exceptions.APIException):
    """If-Match named a version that is no longer current; the answer carries the current
    ETag (ReadWriteViewSet.handle_exception)."""

    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = (
        "It has changed since the version named in If-Match. Nothing was written: read it "
        "again (its current ETag is in this answer's ETag header) and retry."
    )
    default_code = "precondition_failed"

    def __init__(self, current_etag: str):
        super().__init__()
        self.current_etag = current_etag


def rendered(data) -> bytes:
    """Serialized data as the JSON the API answers with: what a read caches. (Never the data
    itself: DRF's hyperlinks keep the model instance they were made from, which would be
    pickled along with everything prefetched on it, and unpickled on every hit.)"""
    return JSONRenderer().render(data)


def json_response(content: bytes, **kwargs) -> HttpResponse:
    return HttpResponse(content, content_type=JSONRenderer.media_type, **kwargs)


class ReadWriteViewSet(
    VaryOnCredentialsMixin, FilterListsMixin, CachedReadsMixin, viewsets.ModelViewSet
):
    # Readable by anyone; writes need the model permissions (the Editors group has them).
    # write_serializer_class validates and saves; the answer is the detail shape, read back
    # through get_queryset so it carries everything a GET would. (Comments, not a docstring:
    # the schema would show a docstring on every operation.)

    lookup_field = "slug"
    lookup_value_regex = SLUG
    # Writes that change one object and keep its key (ImagesMixin's among them).
    changes_one_object = {
        "update",
        "partial_update",
        "poster",
        "backdrop",
        "stills",
        "still",
        "photo",
    }
    list_serializer_class = None
    write_serializer_class = None

    def get_serializer_class(self):
        if self.action in {"create", "update", "partial_update"} and self.write_serializer_class:
            return self.write_serializer_class
        if self.action == "list" and self.list_serializer_class:
            return self.list_serializer_class
        return self.serializer_class

    # Writes of one object queue on its row lock, taken as get_object reads it and held until
    # commit, and each compares If-Match with the ETag of what is stored then. Answers carry
    # the ETag of what was written.

    def create(self, request, *args, **kwargs):
        written = self.get_serializer(data=request.data)
        written.is_valid(raise_exception=True)
        with api_version(request, "Added via the API."):  # the row and its version, or neither
            instance = written.save()
            data = self.read_back(instance)
            content = rendered(data)
        # str(): the url is DRF's Hyperlink, which WSGI servers refuse as a header value.
        headers = {"Location": str(data["url"]), "ETag": etag_of(content)}
        return json_response(content, status=status.HTTP_201_CREATED, headers=headers)

    def update(self, request, *args, **kwargs):
        with api_version(request, "Changed via the API."):
            instance = self.get_object()
            self.check_preconditions(instance)
            written = self.get_serializer(
                instance, data=request.data, partial=kwargs.get("partial", False)
            )
            written.is_valid(raise_exception=True)
            content = rendered(self.read_back(written.save()))
        return json_response(content, headers={"ETag": etag_of(content)})

    def destroy(self, request, *args, **kwargs):
        with transaction.atomic():
            instance = self.get_object()
            self.check_preconditions(instance)
            instance.delete()
        return Response(status=status.HTTP_204_NO_CONTENT)

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        # "of": PostgreSQL refuses to lock the nullable side of the joins select_related makes.
        # Only a deletion changes the key; the rest take the weaker lock that foreign key
        # checks pass.
        if self.action in self.changes_one_object:
            return queryset.select_for_update(of=("self",), no_key=True)
        if self.action == "destroy":
            return queryset.select_for_update(of=("self",))
        return queryset

    def check_preconditions(self, instance) -> None:
        """412 if If-Match (or If-None-Match) rules the write out, judged against the ETag of
        the detail as stored now: the detail's queries, only when the request has either."""
        headers = self.request.META
        if not {"HTTP_IF_MATCH", "HTTP_IF_NONE_MATCH"} & headers.keys():
            return
        current = etag_of(rendered(self.read_back(instance)))
        # Django ignores an If-Match it cannot parse; a client that sent one meant a condition.
        unparsed = "HTTP_IF_MATCH" in headers and not parse_etags(headers["HTTP_IF_MATCH"])
        if unparsed or get_conditional_response(self.request, etag=current) is not None:
            raise PreconditionFailed(current)

    def handle_exception(self, exc):
        response = super().handle_exception(exc)
        if isinstance(exc, PreconditionFailed):
            response["ETag"] = exc.current_etag
        return response

    def get_object(self):
        found = super().get_object()
        return self.with_detail(found) if self.action == "retrieve" else found

    def with_detail(self, found):
        """A retrieved object with what its detail shows beyond get_queryset's rows."""
        return found

    def read_back(self, instance) -> dict:
        """The detail a GET of ``instance`` answers with, read afresh."""
        action, self.action = self.action, "retrieve"  # the detail queryset and serializer
        try:
            fresh = self.with_detail(self.get_queryset().get(pk=instance.pk))
            return self.get_serializer(fresh).data
        finally:
            self.action = action


@contextmanager
def api_version(request, comment: str):
    """A transaction whose saves make one version (django-reversion) by the request's user."""
    with reversion.create_revision():
        reversion.set_user(request.user)
        reversion.set_comment(comment)
        yield


def image_operations(noun: str, detail, upload=serializers.ImageUploadSerializer) -> dict:
    """The schema of an image action: a multipart upload (PUT, POST) or a removal (DELETE),
    answered with the ``detail`` shape."""
    return {
        "request": {"multipart/form-data": upload},
        "responses": {200: detail, 201: detail, 412: PRECONDITION_FAILED},
        "parameters": [IF_MATCH, WRITTEN_ETAG, CURRENT_ETAG],
        "description": f"Editors only. Changes the {noun}'s images; answers with the {noun}.",
    }


class ImagesMixin:
    # Image uploads and removals, by editors who may change the object (they are part of it).
    # Each is a write of the object: locked, conditional on If-Match, answered with its detail.

    def replace_image(self, request, field: str):
        with api_version(request, f"Changed the {field} via the API."):
            instance = self.get_object()
            self.check_preconditions(instance)
            if request.method == "DELETE":
                setattr(instance, field, None)  # the file stays: history may name it
            else:
                upload = serializers.ImageUploadSerializer(data=request.data)
                upload.is_valid(raise_exception=True)
                setattr(instance, field, upload.validated_data["image"])
            instance.save()
            content = rendered(self.read_back(instance))
        return json_response(content, headers={"ETag": etag_of(content)})


class OtherIdsMixin:
    # A detail asked for by another id answers 301 to the slug's address: the numeric id
    # (/films/15/), the IMDb id (tt…, nm…), the Wikidata id (Q…), or a slug the object had
    # before (core.models.OldSlug). Looked for only when no object has that slug, so a read
    # by slug costs nothing more.
    other_ids = {r"^[0-9]+$": "pk"}

    def retrieve(self, request, *args, **kwargs):
        try:
            return super().retrieve(request, *args, **kwargs)
        except Http404:
            found = self.found_by_other_id(kwargs[self.lookup_field])
            if found is None:
                raise
        location = reverse(f"api:{self.basename}-detail", args=[found.slug])
        if query := request.META.get("QUERY_STRING"):
            location = f"{location}?{query}"
        return HttpResponsePermanentRedirect(absolute_url(location))

    def found_by_other_id(self, value: str):
        for pattern, field in self.other_ids.items():
            if re.match(pattern, value):
                return self.findable().filter(**{field: value}).only("slug").first()
        return OldSlug.now_at(self.findable().only("slug"), value)

    def findable(self):
        """What a reader may be sent to: every object, unless the viewset says otherwise."""
        return self.get_queryset().model.objects.all()


class MentionedInMixin:
    """A detail lists the published reviews that mention it (the relation holds drafts too):
    one query for the one object (``ReviewQuerySet.mentioning``)."""

    def with_detail(self, found):
        found = super().with_detail(found)
        reviews = Review.objects.published().only(
            "slug", "headline", "byline", "published_at", "film_id"
        )
        found.published_mentions = list(reviews.mentioning(found)[:MENTIONED_IN_LIMIT])
        return found


def expand_parameter(*names: str, always_there: tuple[str, ...] = ()) -> OpenApiParameter:
    """``?expand=`` as an array sent by repeating the parameter, which generated clients do;
    names separated by commas work too. ``always_there`` are accepted and change nothing."""
    description = (
        f"Nested data to add: {', '.join(names)}. Repeat the parameter "
        f"(expand={names[0]}&expand={names[-1]}) or separate names by commas "
        f"(expand={','.join(names)})."
    )
    if always_there:
        description += f" Naming {' or '.join(always_there)} changes nothing: always there."
    return OpenApiParameter(
        "expand",
        OpenApiTypes.STR,
        many=True,
        enum=list(names),
        style="form",
        explode=True,
        description=description,
    )


class ExpandMixin:
    """``?expand=a,b`` or ``?expand=a&expand=b`` names optional nested fields (see
    ExpandableFieldsMixin); get_queryset loads them. Anything not in ``expansions`` is a 400."""

    expansions: tuple[str, ...] = ()

    @cached_property
    def expand(self) -> frozenset[str]:
        requested = {
            name.strip()
            for value in self.request.query_params.getlist("expand")
            for name in value.split(",")
            if name.strip()
        }
        if unknown := requested - set(self.expansions):
            raise exceptions.ValidationError(
                {
                    "expand": [
                        f"Cannot expand {', '.join(sorted(unknown))}; "
                        f"choose from {', '.join(self.expansions)}."
                    ]
                }
            )
        return frozenset(requested)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if not getattr(self, "swagger_fake_view", False):  # the schema documents every field
            context["expand"] = self.expand
        return context


IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="The ETag of the version you read, from a GET or a write's answer: if it has "
    "changed since, nothing is written and the answer is 412 with the current ETag. "
    "`*` matches any version.",
)
WRITTEN_ETAG = OpenApiParameter(
    "ETag",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    response=[200, 201],
    description="The version written (a strong validator): send it in If-Match next time.",
)
CURRENT_ETAG = OpenApiParameter(
    "ETag",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    response=[412],
    description="The current version.",
)
PRECONDITION_FAILED = OpenApiResponse(
    {"$ref": "#/components/schemas/Error"},
    description="If-Match names an older version: someone changed it since it was read.",
)


def write_operations(noun: str, detail) -> dict:
    """The schema of a resource's writes, for extend_schema_view: each answers with the
    ``detail`` shape and its ETag; If-Match makes a change or a deletion conditional."""
    conditional = [IF_MATCH, WRITTEN_ETAG, CURRENT_ETAG]
    return {
        "create": extend_schema(responses={201: detail}, parameters=[WRITTEN_ETAG]),
        "update": extend_schema(
            description=f"Replaces the whole {noun} with the one sent: every field is written "
            "(required ones must be there; an optional one left out keeps its value). To "
            "change some fields and leave the rest as they are, use PATCH.",
            responses={200: detail, 412: PRECONDITION_FAILED},
            parameters=conditional,
        ),
        "partial_update": extend_schema(
            description=f"Changes only the fields sent; the rest of the {noun}, and changes "
            "made to them at the same time, are kept. A list sent replaces the list.",
            responses={200: detail, 412: PRECONDITION_FAILED},
            parameters=conditional,
        ),
        "destroy": extend_schema(
            responses={204: None, 412: PRECONDITION_FAILED}, parameters=[IF_MATCH, CURRENT_ETAG]
        ),
    }


@extend_schema_view(  # examples on top of write_operations' schema
    create=extend_schema(examples=examples.create_film),
    partial_update=extend_schema(examples=examples.patch_film),
)
@extend_schema_view(
    list=extend_schema(
        summary="Films",
        description="Compact rows; ?expand=credits,reviews adds them, still in fixed queries.",
        parameters=[expand_parameter("credits", "reviews")],
        examples=[examples.film_list],
    ),
    retrieve=extend_schema(
        summary="A film",
        parameters=[expand_parameter("credits", "reviews", always_there=("credits",))],
        examples=[examples.film_detail],
    ),
    **write_operations("film", serializers.FilmDetailSerializer),
)
class FilmViewSet(OtherIdsMixin, ImagesMixin, ExpandMixin, MentionedInMixin, ReadWriteViewSet):
    """Films by slug. Editors create and change them; credits are written through credits/."""

    serializer_class = serializers.FilmDetailSerializer
    other_ids = {**OtherIdsMixin.other_ids, WIKIDATA: "wikidata_id", IMDB_TITLE_ID: "imdb_id"}
    list_serializer_class = serializers.FilmSummarySerializer
    write_serializer_class = serializers.FilmWriteSerializer
    filterset_class = filters.FilmFilter
    count_once = True  # api/pagination.py
    expansions = ("credits", "reviews")

    def get_queryset(self):
        if self.action not in {"list", "retrieve"}:
            return Film.objects.all()
        films = Film.objects.all()
        if self.action == "retrieve" or "credits" in self.expand:
            films = films.with_credits()
        else:
            films = films.with_facts()
        if self.action == "retrieve":
            films = films.with_releases().prefetch_related("stills")
        if "reviews" in self.expand:
            films = films.prefetch_related(
                Prefetch(
                    "reviews",
                    Review.objects.published().for_listing(),
                    to_attr="published_reviews",
                )
            )
        return films

    def with_detail(self, found):
        # Its relations either way in one query with the other films' names, as its page
        # reads them (films.relations.touching), in the order of the relation's Meta.ordering.
        found = super().with_detail(found)
        relations = list(touching(found))
        found.relations_from = [row for row in relations if row.film_id == found.pk]
        found.relations_to = [row for row in relations if row.related_film_id == found.pk]
        return found

    @extend_schema(
        summary="Upload or remove the poster",
        **image_operations("film", serializers.FilmDetailSerializer),
    )
    @action(
        detail=True,
        methods=["put", "delete"],
        parser_classes=[MultiPartParser, FormParser],
        permission_classes=[ChangesObject],
    )
    def poster(self, request, slug=None):
        return self.replace_image(request, "poster")

    @extend_schema(
        summary="Upload or remove the backdrop",
        **image_operations("film", serializers.FilmDetailSerializer),
    )
    @action(
        detail=True,
        methods=["put", "delete"],
        parser_classes=[MultiPartParser, FormParser],
        permission_classes=[ChangesObject],
    )
    def backdrop(self, request, slug=None):
        return self.replace_image(request, "backdrop")

    @extend_schema(
        summary="Add a still to the gallery",
        **image_operations(
            "film", serializers.FilmDetailSerializer, serializers.StillUploadSerializer
        ),
    )
    @action(
        detail=True,
        methods=["post"],
        parser_classes=[MultiPartParser, FormParser],
        permission_classes=[ChangesObject],
    )
    def stills(self, request, slug=None):
        with api_version(request, "Added a still via the API."):
            film = self.get_object()
            self.check_preconditions(film)
            upload = serializers.StillUploadSerializer(data=request.data)
            upload.is_valid(raise_exception=True)
            upload.save(film=film)
            reversion.add_to_revision(film)  # a version of the film, its stills included
            content = rendered(self.read_back(film))
        return json_response(
            content, status=status.HTTP_201_CREATED, headers={"ETag": etag_of(content)}
        )

    @extend_schema(
        summary="Change or remove a still",
        **image_operations(
            "film", serializers.FilmDetailSerializer, serializers.StillChangeSerializer
        ),
    )
    @action(
        detail=True,
        methods=["patch", "delete"],
        url_path=r"stills/(?P<still_id>[0-9]+)",
        permission_classes=[ChangesObject],
    )
    def still(self, request, slug=None, still_id=None):
        verb = "Deleted" if request.method == "DELETE" else "Changed"
        with api_version(request, f"{verb} a still via the API."):
            film = self.get_object()
            self.check_preconditions(film)
            try:
                still = film.stills.get(pk=still_id)
            except Still.DoesNotExist:
                raise exceptions.NotFound("This film has no still with this id.") from None
            if request.method == "DELETE":
                still.delete()
            else:
                change = serializers.StillChangeSerializer(still, data=request.data, partial=True)
                change.is_valid(raise_exception=True)
                change.save()
            reversion.add_to_revision(film)  # a version of the film, its stills included
            content = rendered(self.read_back(film))
        return json_response(content, headers={"ETag": etag_of(content)})


@extend_schema_view(
    list=extend_schema(summary="People"),
    retrieve=extend_schema(
        summary="A person, with their filmography", examples=[examples.person_detail]
    ),
    **write_operations("person", serializers.PersonSerializer),
)
class PersonViewSet(OtherIdsMixin, ImagesMixin, MentionedInMixin, ReadWriteViewSet):
    """People by slug, with their filmography. Editors create and change them."""

    serializer_class = serializers.PersonSerializer
    other_ids = {**OtherIdsMixin.other_ids, WIKIDATA: "wikidata_id", IMDB_NAME_ID: "imdb_id"}
    list_serializer_class = serializers.PersonSummarySerializer
    filterset_class = filters.PersonFilter
    count_once = True  # api/pagination.py

    def get_queryset(self):
        if self.action == "list":
            return Person.objects.defer("biography")
        if self.action == "retrieve":
            return Person.objects.prefetch_related(
                Prefetch("credits", Credit.objects.for_filmography())
            )
        return Person.objects.all()

    @extend_schema(
        summary="Upload or remove the headshot",
        **image_operations("person", serializers.PersonSerializer),
    )
    @action(
        detail=True,
        methods=["put", "delete"],
        parser_classes=[MultiPartParser, FormParser],
        permission_classes=[ChangesObject],
    )
    def photo(self, request, slug=None):
        return self.replace_image(request, "photo")


@extend_schema_view(
    list=extend_schema(
        summary="Reviews",
        description="Published reviews; editors (who may change reviews) also see drafts.",
        examples=[examples.review_list],
    ),
    retrieve=extend_schema(summary="A review, its body as Markdown and as sanitised HTML"),
    **write_operations("review", serializers.ReviewSerializer),
)
class ReviewViewSet(OtherIdsMixin, ReadWriteViewSet):
    """Reviews by slug. Editors write them; the author is whoever creates the review."""

    serializer_class = serializers.ReviewSerializer
    list_serializer_class = serializers.ReviewSummarySerializer
    write_serializer_class = serializers.ReviewWriteSerializer
    filterset_class = filters.ReviewFilter

    def get_queryset(self):
        # Drafts and scheduled reviews for editors only: the rule of the site's review page.
        reviews = Review.objects.visible_to(self.request.user)
        if self.action == "list":
            return reviews.for_listing()
        return reviews.select_related("film", "critic").prefetch_related(
            "mentioned_films", "mentioned_people"
        )

    def findable(self):
        return Review.objects.visible_to(self.request.user)


@extend_schema_view(
    list=extend_schema(
        summary="Curated lists",
        description="Published lists; editors (who may change lists) also see drafts.",
    ),
    retrieve=extend_schema(summary="A curated list, its films in order"),
    **write_operations("list", serializers.FilmListSerializer),
)
class FilmListViewSet(OtherIdsMixin, ReadWriteViewSet):
    """Curated lists by slug: films in an order, each with a blurb. Editors write them; the
    author is whoever creates the list."""

    serializer_class = serializers.FilmListSerializer
    list_serializer_class = serializers.FilmListSummarySerializer
    write_serializer_class = serializers.FilmListWriteSerializer
    filterset_class = filters.FilmListFilter

    def get_queryset(self):
        film_lists = FilmList.objects.visible_to(self.request.user).select_related("critic")
        if self.action == "list":
            return film_lists.annotate(film_count=Count("entries")).order_by("-published_at", "-id")
        if self.action == "retrieve":
            entries = Prefetch("entries", Entry.objects.select_related("film"))
            return film_lists.annotate(film_count=Count("entries")).prefetch_related(entries)
        return film_lists  # writes lock the row: no GROUP BY

    def findable(self):
        return FilmList.objects.visible_to(self.request.user)

    @property
    def shared(self) -> bool:
        return not sees_drafts(self.request.user, FilmList)


@extend_schema_view(
    list=extend_schema(summary="Authors", description="The critics reviews and lists credit."),
    retrieve=extend_schema(summary="An author"),
)
class AuthorViewSet(
    OtherIdsMixin,
    VaryOnCredentialsMixin,
    FilterListsMixin,
    CachedReadsMixin,
    viewsets.ReadOnlyModelViewSet,
):
    """Authors (critics) by slug, read-only: editors change them in the admin. Their reviews
    are /api/v1/reviews/?critic=<slug>."""

    serializer_class = serializers.AuthorSerializer
    lookup_field = "slug"
    lookup_value_regex = SLUG
    queryset = Author.objects.order_by("name", "id")
    shared = True  # no drafts: every reader sees the same


@extend_schema_view(
    list=extend_schema(summary="Credits"),
    retrieve=extend_schema(summary="A credit"),
    **write_operations("credit", serializers.CreditSerializer),
)
class CreditViewSet(ReadWriteViewSet):
    """Credits by id; film and person are named by slug. Editors add, change and remove them."""

    serializer_class = serializers.CreditSerializer
    filterset_class = filters.CreditFilter
    lookup_field = "pk"
    lookup_value_regex = r"[0-9]+"
    queryset = Credit.objects.select_related("film", "person").order_by("film_id", "order", "id")


@extend_schema_view(**write_operations("genre", serializers.GenreSerializer))
class GenreViewSet(ReadWriteViewSet):
    """Genres by slug. Their site_url is the film list filtered by them."""

    serializer_class = serializers.GenreSerializer
    queryset = Genre.objects.order_by("name", "id")


@extend_schema_view(**write_operations("collection", serializers.CollectionSerializer))
class CollectionViewSet(ReadWriteViewSet):
    """Collections (franchises, series) by slug, with their films in order."""

    serializer_class = serializers.CollectionSerializer
    queryset = Collection.objects.order_by("name", "id").prefetch_related(
        Prefetch(
            "films",
            Film.objects.only(
                "title", "year", "slug", "collection_order", "collection_id"
            ).order_by("collection_order", "year", "id"),
        )
    )


class ReferenceViewSet(
    VaryOnCredentialsMixin, FilterListsMixin, CachedReadsMixin, viewsets.ReadOnlyModelViewSet
):
    lookup_field = "code"
    lookup_value_regex = r"[a-zA-Z]{2,4}"


class CountryViewSet(ReferenceViewSet):
    """Countries by code: ISO 3166-1 (US), former ones of ISO 3166-3 (SUHH, the Soviet Union),
    and a few only film credits name (XWG, West Germany). Read-only."""

    serializer_class = serializers.CountrySerializer
    queryset = Country.objects.order_by("short_name", "code")


class LanguageViewSet(ReferenceViewSet):
    """ISO 639-3 languages by their shortest code, as BCP 47 has it: en, yue (Cantonese), ase
    (American Sign Language). Read-only."""

    serializer_class = serializers.LanguageSerializer
    queryset = Language.objects.order_by("name", "code")


class SearchView(VaryOnCredentialsMixin, APIView):
    """The site's search (search.service), for films, people, published reviews and lists."""

    permission_classes = [permissions.AllowAny]

    @extend_schema(
        summary="Search films, people, reviews and lists",
        description="The site's own search (search.service), so the same matches in the same "
        "order as /search/: up to 20 of each kind, and published reviews and lists only.",
        parameters=[OpenApiParameter("q", OpenApiTypes.STR, description="Words to find.")],
        responses=serializers.SearchResultsSerializer,
        examples=[examples.search_results],
    )
    def get(self, request):
        def build():
            results = search(request.query_params.get("q", ""))
            prefetch_related_objects(results.reviews.items, "critic")  # one query, if any
            context = {"request": request}
            return rendered(serializers.SearchResultsSerializer(results, context=context).data)

        return json_response(through_cache(request, build, shared=True))  # published only


class CursorExpired(exceptions.APIException):
    status_code = status.HTTP_410_GONE
    default_code = "cursor_expired"


class ChangesView(VaryOnCredentialsMixin, APIView):
    """The change feed (api/feed.py)."""

    permission_classes = [permissions.AllowAny]

    @extend_schema(
        summary="What changed since a cursor",
        description="Films, people, reviews and curated lists created, updated or deleted, "
        "oldest first, one entry per object (its latest change). To mirror the catalogue: take "
        "`next_cursor` from `?since=latest`, read the lists, then follow the feed from that "
        "cursor, reading each created or updated object and dropping each deleted one. A "
        "review or list unpublished is deleted for readers who may not see drafts. Changes are "
        "kept "
        f"{settings.FEED_RETENTION_DAYS} days; an older cursor is a 410: read the lists again.",
        parameters=[
            OpenApiParameter(
                "since",
                OpenApiTypes.STR,
                description="A `next_cursor` from an earlier answer, or `latest`. Without it, "
                "every change kept.",
            ),
            OpenApiParameter(
                "limit",
                OpenApiTypes.INT,
                description=f"Entries per answer, 1 to {FEED_MAX_LIMIT} "
                f"(default {FEED_DEFAULT_LIMIT}).",
            ),
        ],
        responses={
            200: serializers.ChangesSerializer,
            410: OpenApiResponse(
                {"$ref": "#/components/schemas/Error"},
                description="The cursor is older than the feed keeps: read the lists again.",
            ),
        },
    )
    def get(self, request):
        since = request.query_params.get("since")
        try:
            cursor = (
                feed.latest() if since == "latest" else feed.Cursor.decode(since) if since else None
            )
        except feed.BadCursor as error:
            raise exceptions.ValidationError({"since": [str(error)]}) from None
        except feed.ExpiredCursor as error:
            raise CursorExpired(str(error)) from None
        limit = _whole_number(
            request.query_params.get("limit"), "limit", FEED_DEFAULT_LIMIT, 1, FEED_MAX_LIMIT
        )
        page = feed.read(cursor, 0 if since == "latest" else limit, request.user)
        next_cursor = page.cursor.encode()
        data = {
            "results": page.results,
            "next_cursor": next_cursor,
            "has_more": page.has_more,
            "next": absolute_url(
                f"{reverse('api:changes')}?{urlencode({'since': next_cursor, 'limit': limit})}"
            ),
        }
        return Response(serializers.ChangesSerializer(data).data)


def _whole_number(raw: str | None, name: str, default: int, least: int, most: int) -> int:
    """A query parameter that must be a whole number in [least, most]: else a 400 naming it."""
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        value = None
    if value is None or not least <= value <= most:
        raise exceptions.ValidationError({name: [f"Enter a whole number from {least} to {most}."]})
    return value


class NotFoundView(APIView):
    """Any other path under /api/: a 404 in the API's error shape, whatever the method."""

    permission_classes = [permissions.AllowAny]
    schema = None

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        raise exceptions.NotFound("There is no such API endpoint. The list is at /api/v1/.")
