"""A newcomer loads the demo, opens a review or a list in the admin and saves it unchanged:
it saves (the demo desk that wrote them is not staff, and must still be a choice)."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from lists.models import FilmList
from reviews.models import Review
from tests.admin_forms import submitted

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("model", "url_name"), [(Review, "reviews_review"),
                                                  (FilmList, "lists_filmlist")])  # fmt: skip
def test_a_demo_object_saves_unchanged_in_the_admin(superuser_client, model, url_name):
    call_command("load_demo", verbosity=0)
    obj = model.objects.filter(status="published").first()
    change = reverse(f"admin:{url_name}_change", args=[obj.pk])
    response = superuser_client.post(change, submitted(superuser_client.get(change)))
    assert response.status_code == 302, response.context["adminform"].errors
    obj.refresh_from_db()
    assert obj.author.username == "marquee-desk"
