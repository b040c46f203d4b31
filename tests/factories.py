from datetime import timedelta

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from authors.models import Author
from films.models import Collection, Credit, Film, FilmCountry, FilmLanguage, Genre
from lists.models import Entry, FilmList
from people.models import Person
from reviews.models import Review


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Sam"
    last_name = factory.Sequence(lambda n: f"Critic{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    password = factory.django.Password("correct-horse-battery")


class EditorFactory(UserFactory):
    is_staff = True

    @factory.post_generation
    def editors_group(user, create, extracted, **kwargs):
        if create:
            user.groups.add(Group.objects.get(name="Editors"))


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Critic Number{n}")
    bio = "Writes about films for Marquee."


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person {n}")


class GenreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Genre
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Genre {n}")
    slug = factory.LazyAttribute(lambda genre: genre.name.lower().replace(" ", "-"))


class CollectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Collection

    name = factory.Sequence(lambda n: f"Series {n}")
    slug = factory.Sequence(lambda n: f"series-{n}")


class FilmFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Film
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Film {n}")
    year = 2020
    logline = "Somebody wants something and somebody else is in the way."
    runtime_minutes = 100
    aspect_ratio = "2.39:1"
    colour = Film.Colour.COLOUR

    @factory.post_generation
    def countries(film, create, extracted, **kwargs):
        if create:
            for position, code in enumerate(extracted or ["US"], start=1):
                FilmCountry.objects.create(film=film, country_id=code, position=position)

    @factory.post_generation
    def languages(film, create, extracted, **kwargs):
        if create:
            for position, code in enumerate(extracted or ["en"], start=1):
                FilmLanguage.objects.create(film=film, language_id=code, position=position)


class CreditFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Credit

    film = factory.SubFactory(FilmFactory)
    person = factory.SubFactory(PersonFactory)
    role = Credit.Role.CAST
    character = factory.Sequence(lambda n: f"Character {n}")
    order = factory.Sequence(lambda n: n + 1)


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    film = factory.SubFactory(FilmFactory)
    author = factory.SubFactory(EditorFactory)
    headline = factory.Sequence(lambda n: f"A review worth reading, part {n}")
    standfirst = "What we thought, in a sentence."
    body = "It was *good*.\n\nThen it was better."
    rating = "4.0"
    status = Review.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))

    class Params:
        draft = factory.Trait(status=Review.Status.DRAFT, published_at=None)
        scheduled = factory.Trait(
            published_at=factory.LazyFunction(lambda: timezone.now() + timedelta(days=3))
        )


class FilmListFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FilmList
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Films worth a second look, part {n}")
    introduction = "Some films *reward* a return visit."
    author = factory.SubFactory(EditorFactory)
    byline = "Nora Castellan"
    status = FilmList.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))

    class Params:
        draft = factory.Trait(status=FilmList.Status.DRAFT, published_at=None)
        scheduled = factory.Trait(
            published_at=factory.LazyFunction(lambda: timezone.now() + timedelta(days=3))
        )

    @factory.post_generation
    def films(film_list, create, extracted, **kwargs):
        """``films=[...]`` puts them on the list, in that order."""
        for position, film in enumerate(extracted or [], start=1):
            Entry.objects.create(film_list=film_list, film=film, position=position, blurb="Yes.")


def film_with_credits(credit_count: int, **film_fields) -> Film:
    """A film with a director, a writer and ``credit_count - 2`` cast members."""
    film = FilmFactory(**film_fields)
    CreditFactory(film=film, role=Credit.Role.DIRECTOR, character="", order=1)
    CreditFactory(film=film, role=Credit.Role.WRITER, character="", order=1)
    CreditFactory.create_batch(credit_count - 2, film=film)
    return film
