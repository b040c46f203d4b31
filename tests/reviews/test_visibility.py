"""Who sees drafts and scheduled reviews: ``Review.objects.visible_to(user)``, the one rule the
site's review page and the API share. Those who may view or change reviews do; being staff
is not enough."""

import pytest
from django.contrib.auth.models import AnonymousUser, Permission
from rest_framework.test import APIClient

from reviews.models import Review
from tests.factories import EditorFactory, ReviewFactory, UserFactory

pytestmark = pytest.mark.django_db


def user_with(*codenames: str, **fields):
    user = UserFactory(**fields)
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    return user


# who -> whether they see drafts and scheduled reviews
READERS = {
    "anonymous": (lambda: None, False),
    "plain user": (lambda: UserFactory(), False),
    "staff without permissions": (lambda: UserFactory(is_staff=True), False),
    "inactive editor": (lambda: EditorFactory(is_active=False), False),
    "may view reviews": (lambda: user_with("view_review"), True),
    "may change reviews": (lambda: user_with("change_review"), True),
    "editor": (lambda: EditorFactory(), True),
    "superuser": (lambda: UserFactory(is_staff=True, is_superuser=True), True),
}


@pytest.fixture
def reviews():
    return {
        "public": ReviewFactory(headline="Out now"),
        "draft": ReviewFactory(headline="Still a draft", draft=True),
        "scheduled": ReviewFactory(headline="Out next week", scheduled=True),
    }


@pytest.mark.parametrize("who", READERS)
def test_visible_to_is_everything_for_those_who_may_view_or_change_reviews(reviews, who):
    make, sees_drafts = READERS[who]
    user = make() or AnonymousUser()
    visible = set(Review.objects.visible_to(user).values_list("headline", flat=True))
    assert visible == (
        {"Out now", "Still a draft", "Out next week"} if sees_drafts else {"Out now"}
    )


@pytest.mark.parametrize("who", READERS)
@pytest.mark.parametrize("kind", ["draft", "scheduled"])
def test_the_review_page_and_the_api_apply_the_same_rule(client, reviews, who, kind):
    make, sees_drafts = READERS[who]
    api = APIClient()
    if user := make():
        client.force_login(user)
        api.force_authenticate(user)
    review = reviews[kind]
    page = client.get(review.get_absolute_url())
    detail = api.get(f"/api/v1/reviews/{review.slug}/")
    expected = 200 if sees_drafts else 404
    assert (page.status_code, detail.status_code) == (expected, expected)
    if sees_drafts:
        assert "not public" in page.content.decode()  # the preview says so
    else:
        assert review.headline not in page.content.decode()
    # The published review is everyone's.
    assert client.get(reviews["public"].get_absolute_url()).status_code == 200


def test_an_editors_preview_is_never_served_to_the_next_anonymous_reader(client, settings):
    settings.PAGE_CACHE_SECONDS = 60
    draft = ReviewFactory(headline="Preview only", draft=True)
    client.force_login(EditorFactory())
    assert client.get(draft.get_absolute_url()).status_code == 200
    client.logout()
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 404
    assert "Preview only" not in response.content.decode()
