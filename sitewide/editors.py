"""The Editors group: exactly what the editorial workflow needs, nothing on users or groups.
Set again after every ``migrate``, so a new model's permissions are one line here."""

from django.db import DEFAULT_DB_ALIAS
from django.db.models import Q

EDITORS = "Editors"
EVERYTHING = ("add", "change", "delete", "view")

# app label -> {model name: actions}
PERMISSIONS = {
    "films": {
        "film": EVERYTHING,
        "credit": EVERYTHING,
        "filmcountry": EVERYTHING,
        "filmlanguage": EVERYTHING,
        "filmrelation": EVERYTHING,
        "releasedate": EVERYTHING,
        "alternativetitle": EVERYTHING,
        "still": EVERYTHING,
        "genre": EVERYTHING,
        "collection": EVERYTHING,
        "country": ("view",),  # reference data is fixed
        "language": ("view",),
    },
    "people": {"person": EVERYTHING},
    # Authors are credited on published work: removing one is for an administrator.
    "authors": {"author": ("add", "change", "view")},
    "reviews": {"review": EVERYTHING},
    "lists": {"filmlist": EVERYTHING, "entry": EVERYTHING},
}


def after_migrate(using: str = DEFAULT_DB_ALIAS, apps=None, plan=None, **kwargs) -> None:
    """The post_migrate receiver. A flush sends post_migrate too, with no plan: then the
    tests that flushed put back their own data, Editors group included."""
    if plan is not None:
        set_editors_permissions(using, apps)


def set_editors_permissions(using: str = DEFAULT_DB_ALIAS, apps=None) -> None:
    """The Editors group, with PERMISSIONS and no others."""
    if apps is None:
        from django.apps import apps
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    wanted = Q(pk__in=[])
    for app_label, models in PERMISSIONS.items():
        for model, actions in models.items():
            codenames = [f"{action}_{model}" for action in actions]
            wanted |= Q(content_type__app_label=app_label, codename__in=codenames)
    editors, _ = Group.objects.using(using).get_or_create(name=EDITORS)
    editors.permissions.set(Permission.objects.using(using).filter(wanted))
