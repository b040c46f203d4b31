"""People seen through their credits: annotations the people app cannot make, since it sits
below this one."""

from django.db.models import Count, OuterRef, QuerySet, Subquery

from films.models import Credit, CreditRole

# What a person who holds a role is called, where that is not the role's own label.
ROLE_NOUNS = {CreditRole.CAST: "Actor", CreditRole.SOURCE_MATERIAL: "Author"}


def role_noun(role: str | None) -> str:
    """What someone in ``role`` is called: Director, Actor (for cast); "" for none."""
    if role not in CreditRole.values:
        return ""
    return ROLE_NOUNS.get(role, CreditRole(role).label)


def with_main_role(people: QuerySet) -> QuerySet:
    """Annotate ``main_role``: the role of most of each person's credits (a tie goes to the
    first alphabetically), or None. A subquery on credit_person_role_idx for each row shown."""
    roles = (
        Credit.objects.filter(person=OuterRef("pk"))
        .order_by()
        .values("role")
        .annotate(credit_count=Count("pk"))
        .order_by("-credit_count", "role")
        .values("role")[:1]
    )
    return people.annotate(main_role=Subquery(roles))
