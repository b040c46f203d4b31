from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from films.models import Film
from lists.models import FilmList
from people.models import Person
from reviews.models import Review
from reviews.selectors import authors_with_published_reviews


class StaticSitemap(Sitemap):
    def items(self):
        return [
            "sitewide:home",
            "films:list",
            "people:list",
            "reviews:list",
            "lists:list",
            "authors:list",
        ]

    def location(self, name):
        return reverse(name)


class FilmSitemap(Sitemap):
    limit = 5000

    def items(self):
        return Film.objects.only("slug", "updated_at").order_by("id")

    def lastmod(self, film):
        return film.updated_at


class PersonSitemap(Sitemap):
    limit = 5000

    def items(self):
        return Person.objects.only("slug", "updated_at").order_by("id")

    def lastmod(self, person):
        return person.updated_at


class ReviewSitemap(Sitemap):
    limit = 5000

    def items(self):
        return Review.objects.published().only("slug", "updated_at").order_by("id")

    def lastmod(self, review):
        return review.updated_at


class FilmListSitemap(Sitemap):
    limit = 5000

    def items(self):
        return FilmList.objects.published().only("slug", "updated_at").order_by("id")

    def lastmod(self, film_list):
        return film_list.updated_at


class AuthorSitemap(Sitemap):
    limit = 5000

    def items(self):
        # Those the authors page lists: with a published review.
        return authors_with_published_reviews().only("slug", "updated_at").order_by("id")

    def lastmod(self, author):
        return author.updated_at


SITEMAPS = {
    "pages": StaticSitemap,
    "films": FilmSitemap,
    "people": PersonSitemap,
    "reviews": ReviewSitemap,
    "lists": FilmListSitemap,
    "authors": AuthorSitemap,
}
