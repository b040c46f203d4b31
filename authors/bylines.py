"""Crediting the bylines written before there were authors: run by the reviews' and lists'
migrations on their historical models, so it imports none."""

from django.db.models import Value
from django.db.models.functions import Concat, Trim

from core.slugs import unique_slug


def credit_bylines(*, bylined, author_model, user_model) -> int:
    """Give every row of ``bylined`` (Review or FilmList) with a byline and no critic the critic
    of that name, made where there is none; an author made here becomes the profile of the one
    user whose full name it is, if that user has none yet. Returns the rows credited.

    Takes the models as arguments so that a migration can run it on its historical models."""
    credited = 0
    uncredited = bylined.objects.filter(critic__isnull=True).exclude(byline="")
    for byline in sorted(set(uncredited.values_list("byline", flat=True))):
        critic = author_model.objects.filter(name=byline).order_by("pk").first()
        if critic is None:
            critic = author_model(name=byline)
            critic.slug = unique_slug(critic, byline)
            critic.user = _only_user_named(user_model, author_model, byline)
            critic.save()
        credited += uncredited.filter(byline=byline).update(critic=critic)
    return credited


def _only_user_named(user_model, author_model, name: str):
    # As AbstractUser.get_full_name() makes it, which a historical model lacks.
    full_name = Trim(Concat("first_name", Value(" "), "last_name"))
    users = list(
        user_model.objects.annotate(full_name=full_name)
        .filter(full_name=name)
        .exclude(pk__in=author_model.objects.filter(user__isnull=False).values("user"))
        .order_by("pk")[:2]
    )
    return users[0] if len(users) == 1 else None
