"""A film's relations as sentences that read from either end: Ballerina is "Set between John
Wick: Chapter 3 – Parabellum and John Wick: Chapter 4"; Chapter 3's page says "Ballerina is
set between this film and John Wick: Chapter 4". Each sentence is a list of parts, text or
films, so a template links the films; text parts carry their own spaces."""

from django.db.models import Q

from films.models import Film, FilmRelation, RelationKind

# This film is <kind> of another.
FORWARD = {
    RelationKind.SEQUEL_OF: "Sequel to",
    RelationKind.PREQUEL_OF: "Prequel to",
    RelationKind.SPIN_OFF_OF: "Spin-off of",
    RelationKind.REMAKE_OF: "Remake of",
    RelationKind.SET_BETWEEN: "Set between",
}
# Another film is <kind> of this one.
BACKWARD = {
    RelationKind.SEQUEL_OF: "Followed by",
    RelationKind.PREQUEL_OF: "Preceded in its story by",
    RelationKind.SPIN_OFF_OF: "Spun off into",
    RelationKind.REMAKE_OF: "Remade as",
}


def touching(film: Film):
    """The relations from and to ``film``, with both films' names: one query."""
    named = ("title", "year", "slug")
    return (
        FilmRelation.objects.filter(Q(film=film) | Q(related_film=film))
        .select_related("film", "related_film")
        .only("kind", *(f"{side}__{name}" for side in ("film", "related_film") for name in named))
    )  # in Meta.ordering: kind, then the related film's year


def sentences(film: Film, relations) -> list[list]:
    """``relations``: those from and to the film (``touching``). One query more only when
    another film is set between this and one more, to name that one."""
    relations = list(relations)
    inverse_relations = [relation for relation in relations if relation.related_film_id == film.pk]
    relations = [relation for relation in relations if relation.film_id == film.pk]
    said = []
    between = [r.related_film for r in relations if r.kind == RelationKind.SET_BETWEEN]
    for kind, text in FORWARD.items():
        films = (
            between
            if kind == RelationKind.SET_BETWEEN
            else [relation.related_film for relation in relations if relation.kind == kind]
        )
        if films:
            said.append([f"{text} ", *_joined(films)])
    inverse = list(inverse_relations)
    for kind, text in BACKWARD.items():
        films = [relation.film for relation in inverse if relation.kind == kind]
        if films:
            said.append([f"{text} ", *_joined(films)])
    set_between = [
        relation.film for relation in inverse if relation.kind == RelationKind.SET_BETWEEN
    ]
    if set_between:
        partners = {}
        for relation in (
            FilmRelation.objects.filter(film__in=set_between, kind=RelationKind.SET_BETWEEN)
            .exclude(related_film=film)
            .select_related("related_film")
        ):
            partners.setdefault(relation.film_id, []).append(relation.related_film)
        for other in set_between:
            rest = partners.get(other.pk, [])
            sentence = [other, " is set between this film"]
            said.append([*sentence, " and ", *_joined(rest)] if rest else sentence)
    return said


def _joined(films: list[Film]) -> list:
    """[a] → [a]; [a, b] → [a, " and ", b]; [a, b, c] → [a, ", ", b, " and ", c]."""
    parts = []
    for position, film in enumerate(films):
        if position:
            parts.append(" and " if position == len(films) - 1 else ", ")
        parts.append(film)
    return parts
