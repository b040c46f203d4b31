"""API v1 viewsets. Each ``get_queryset`` loads what its serializer reads, through the models'
named QuerySet methods, so list and detail pages run a fixed number of queries."""

import hashlib
from functools import cached_property

from django.db import transaction
from django.db.models import Prefetch
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, permissions, status, viewsets
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from api import filters, serializers
from core.pagecache import through_cache
from films.models import Collection, Country, Credit, Film, FilmRelation, Genre, Language
from people.models import Person
from reviews.models import Review
from reviews.selectors import with_review_summary
from search.service import search

SLUG = r"[-a-zA-Z0-9_]+"


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
    Details carry an ETag of their content and answer a matching If-None-Match with 304."""

    def list(self, request, *args, **kwargs):
        def build():
            return rendered(super(CachedReadsMixin, self).list(request, *args, **kwargs).data)

        return json_response(through_cache(request, build))

    def retrieve(self, request, *args, **kwargs):
        content, etag = through_cache(request, self.detail_and_etag)
        response = json_response(content, headers={"ETag": etag})
        return get_conditional_response(request, etag=etag, response=response)

    def detail_and_etag(self) -> tuple[bytes, str]:
        content = rendered(self.get_serializer(self.get_object()).data)
        return content, f'W/"{hashlib.sha256(content).hexdigest()[:32]}"'


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
    list_serializer_class = None
    write_serializer_class = None

    def get_serializer_class(self):
        if self.action in {"create", "update", "partial_update"} and self.write_serializer_class:
            return self.write_serializer_class
        if self.action == "list" and self.list_serializer_class:
            return self.list_serializer_class
        return self.serializer_class

    def create(self, request, *args, **kwargs):
        written = self.get_serializer(data=request.data)
        written.is_valid(raise_exception=True)
        with transaction.atomic():  # the row and its history, or neither
            instance = written.save()
        data = self.read_back(instance)
        # str(): the url is DRF's Hyperlink, which WSGI servers refuse as a header value.
        location = str(data["url"])
        return Response(data, status=status.HTTP_201_CREATED, headers={"Location": location})

    def update(self, request, *args, **kwargs):
        written = self.get_serializer(
            self.get_object(), data=request.data, partial=kwargs.get("partial", False)
        )
        written.is_valid(raise_exception=True)
        with transaction.atomic():
            instance = written.save()
        return Response(self.read_back(instance))

    @transaction.atomic
    def perform_destroy(self, instance):
        instance.delete()

    def get_object(self):
        found = super().get_object()
        return self.with_detail(found) if self.action == "retrieve" else found

    def with_detail(self, found):
        """A retrieved object with what its detail shows beyond get_queryset's rows."""
        return found

    def read_back(self, instance) -> dict:
        self.action = "retrieve"  # the detail queryset and serializer
        fresh = self.with_detail(self.get_queryset().get(pk=instance.pk))
        return self.get_serializer(fresh).data


class MentionedInMixin:
    """A detail lists the published reviews that mention it (the relation holds drafts too):
    one query for the one object (``ReviewQuerySet.mentioning``)."""

    def with_detail(self, found):
        found = super().with_detail(found)
        reviews = Review.objects.published().only(
            "slug", "headline", "byline", "published_at", "film_id"
        )
        found.published_mentions = list(reviews.mentioning(found))
        return found


def expand_parameter(*names: str) -> OpenApiParameter:
    return OpenApiParameter(
        "expand",
        OpenApiTypes.STR,
        many=True,
        enum=list(names),
        style="form",
        explode=False,
        description=f"Comma-separated nested data to add: {', '.join(names)}.",
    )


class ExpandMixin:
    """``?expand=a,b`` names optional nested fields (see ExpandableFieldsMixin); get_queryset
    loads them. Anything not in ``expansions`` is a 400."""

    expansions: tuple[str, ...] = ()

    @cached_property
    def expand(self) -> frozenset[str]:
        requested = {
            name.strip()
            for name in self.request.query_params.get("expand", "").split(",")
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


@extend_schema_view(
    list=extend_schema(
        summary="Films",
        description="Compact rows; ?expand=credits,reviews adds them, still in fixed queries.",
        parameters=[expand_parameter("credits", "reviews")],
    ),
    retrieve=extend_schema(summary="A film", parameters=[expand_parameter("reviews")]),
    create=extend_schema(responses={201: serializers.FilmDetailSerializer}),
    update=extend_schema(responses=serializers.FilmDetailSerializer),
    partial_update=extend_schema(responses=serializers.FilmDetailSerializer),
)
class FilmViewSet(ExpandMixin, MentionedInMixin, ReadWriteViewSet):
    """Films by slug. Editors create and change them; credits are written through credits/."""

    serializer_class = serializers.FilmDetailSerializer
    list_serializer_class = serializers.FilmSummarySerializer
    write_serializer_class = serializers.FilmWriteSerializer
    filterset_class = filters.FilmFilter
    expansions = ("credits", "reviews")

    def get_queryset(self):
        if self.action not in {"list", "retrieve"}:
            return Film.objects.all()
        films = with_review_summary(Film.objects.all())
        if self.action == "retrieve" or "credits" in self.expand:
            films = films.with_credits()
        else:
            films = films.with_facts()
        if self.action == "retrieve":
            films = films.prefetch_related(
                Prefetch("relations", FilmRelation.objects.select_related("related_film")),
                Prefetch("inverse_relations", FilmRelation.objects.select_related("film")),
            )
        if "reviews" in self.expand:
            films = films.prefetch_related(
                Prefetch(
                    "reviews",
                    Review.objects.published().for_listing(),
                    to_attr="published_reviews",
                )
            )
        return films


@extend_schema_view(
    list=extend_schema(summary="People"),
    retrieve=extend_schema(summary="A person, with their filmography"),
)
class PersonViewSet(MentionedInMixin, ReadWriteViewSet):
    """People by slug, with their filmography. Editors create and change them."""

    serializer_class = serializers.PersonSerializer
    list_serializer_class = serializers.PersonSummarySerializer
    filterset_class = filters.PersonFilter

    def get_queryset(self):
        if self.action == "list":
            return Person.objects.defer("biography")
        if self.action == "retrieve":
            return Person.objects.prefetch_related(
                Prefetch("credits", Credit.objects.for_filmography())
            )
        return Person.objects.all()


@extend_schema_view(
    list=extend_schema(
        summary="Reviews",
        description="Published reviews; editors (who may change reviews) also see drafts.",
    ),
    retrieve=extend_schema(summary="A review, its body as Markdown and as sanitised HTML"),
    create=extend_schema(responses={201: serializers.ReviewSerializer}),
    update=extend_schema(responses=serializers.ReviewSerializer),
    partial_update=extend_schema(responses=serializers.ReviewSerializer),
)
class ReviewViewSet(ReadWriteViewSet):
    """Reviews by slug. Editors write them; the author is whoever creates the review."""

    serializer_class = serializers.ReviewSerializer
    list_serializer_class = serializers.ReviewSummarySerializer
    write_serializer_class = serializers.ReviewWriteSerializer
    filterset_class = filters.ReviewFilter

    def get_queryset(self):
        # The public sees Review.objects.published(); only editors see drafts and scheduled ones.
        user = self.request.user
        can_edit = user.is_authenticated and user.has_perm("reviews.change_review")
        reviews = Review.objects.all() if can_edit else Review.objects.published()
        if self.action == "list":
            return reviews.for_listing()
        return reviews.select_related("film").prefetch_related(
            "mentioned_films", "mentioned_people"
        )


@extend_schema_view(
    list=extend_schema(summary="Credits"),
    retrieve=extend_schema(summary="A credit"),
)
class CreditViewSet(ReadWriteViewSet):
    """Credits by id; film and person are named by slug. Editors add, change and remove them."""

    serializer_class = serializers.CreditSerializer
    filterset_class = filters.CreditFilter
    lookup_field = "pk"
    lookup_value_regex = r"[0-9]+"
    queryset = Credit.objects.select_related("film", "person").order_by("film_id", "order", "id")


class GenreViewSet(ReadWriteViewSet):
    """Genres by slug. Their site_url is the film list filtered by them."""

    serializer_class = serializers.GenreSerializer
    queryset = Genre.objects.order_by("name", "id")


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
    lookup_value_regex = r"[a-zA-Z]{2,3}"


class CountryViewSet(ReferenceViewSet):
    """ISO 3166-1 countries by code, e.g. US. Read-only: loaded by migration."""

    serializer_class = serializers.CountrySerializer
    queryset = Country.objects.order_by("short_name", "code")


class LanguageViewSet(ReferenceViewSet):
    """ISO 639-1 languages by code, e.g. en. Read-only: loaded by migration."""

    serializer_class = serializers.LanguageSerializer
    queryset = Language.objects.order_by("name", "code")


class SearchView(VaryOnCredentialsMixin, APIView):
    """The site's search (search.service), for films, people and published reviews."""

    permission_classes = [permissions.AllowAny]

    @extend_schema(
        summary="Search films, people and reviews",
        description="The site's own search (search.service), so the same matches in the same "
        "order as /search/: up to 20 of each kind, and published reviews only.",
        parameters=[OpenApiParameter("q", OpenApiTypes.STR, description="Words to find.")],
        responses=serializers.SearchResultsSerializer,
    )
    def get(self, request):
        def build():
            results = search(request.query_params.get("q", ""))
            context = {"request": request}
            return rendered(serializers.SearchResultsSerializer(results, context=context).data)

        return json_response(through_cache(request, build))


class NotFoundView(APIView):
    """Any other path under /api/: a 404 in the API's error shape, whatever the method."""

    permission_classes = [permissions.AllowAny]
    schema = None

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        raise exceptions.NotFound("There is no such API endpoint. The list is at /api/v1/.")
