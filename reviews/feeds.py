from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse

from reviews.models import Review


class LatestReviewsFeed(Feed):
    title = f"{settings.SITE_NAME}: latest reviews"
    description = "The newest film reviews published on Marquee."

    def link(self):
        return reverse("reviews:list")

    def items(self):
        return Review.objects.published().for_listing()[:30]

    def item_title(self, review):
        return f"{review.headline} — {review.film}"

    def item_description(self, review):
        return review.standfirst

    def item_author_name(self, review):
        return review.byline

    def item_pubdate(self, review):
        return review.published_at

    def item_updateddate(self, review):
        return review.updated_at
