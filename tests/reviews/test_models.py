from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from reviews.models import Review, stars
from tests.factories import ReviewFactory

pytestmark = pytest.mark.django_db


def test_published_means_published_and_due():
    public = ReviewFactory()
    ReviewFactory(draft=True)
    ReviewFactory(scheduled=True)
    ReviewFactory(status=Review.Status.DRAFT, published_at=timezone.now() - timedelta(days=1))
    assert list(Review.objects.published()) == [public]
    assert public.is_public


def test_scheduled_review_becomes_public_when_its_time_comes():
    review = ReviewFactory(published_at=timezone.now() + timedelta(seconds=1))
    assert not Review.objects.published().exists()
    Review.objects.filter(pk=review.pk).update(published_at=timezone.now() - timedelta(seconds=1))
    assert Review.objects.published().get() == review


@pytest.mark.parametrize("rating", ["7", "0", "3.3", "-1"])
def test_rating_must_be_half_stars_out_of_five(rating):
    with pytest.raises(ValidationError) as error:
        ReviewFactory.build(rating=rating).full_clean()
    assert "rating" in error.value.message_dict


def test_database_refuses_a_rating_of_seven():
    review = ReviewFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Review.objects.filter(pk=review.pk).update(rating=Decimal("7"))


def test_database_refuses_published_without_a_time():
    review = ReviewFactory(draft=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        Review.objects.filter(pk=review.pk).update(status=Review.Status.PUBLISHED)


def test_clean_publishes_now_when_no_time_is_given():
    review = ReviewFactory.build(status=Review.Status.PUBLISHED, published_at=None, byline="Sam")
    review.full_clean(exclude=["film", "author"])
    assert review.published_at is not None


def test_byline_defaults_to_the_authors_name_and_slug_to_the_headline():
    review = ReviewFactory(headline="Dance of Death", byline="")
    assert review.byline == review.author.get_full_name()
    assert review.slug == "dance-of-death"


@pytest.mark.parametrize(
    ("rating", "expected"), [("0.5", "½"), ("3.0", "★★★"), ("3.5", "★★★½"), (3.74, "★★★½")]
)
def test_stars(rating, expected):
    assert stars(Decimal(str(rating))) == expected


def test_body_is_rendered_and_sanitised():
    review = ReviewFactory.build(
        body="Fine *film*.\n\n<script>alert(1)</script>"
        '<a href="javascript:alert(1)" onclick="x()">click</a> <img src=x onerror=alert(1)>'
    )
    html = review.body_html
    assert "<em>film</em>" in html
    assert "<script" not in html
    assert "javascript:" not in html
    assert "onclick" not in html
    assert "onerror" not in html
