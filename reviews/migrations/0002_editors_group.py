"""The Editors group: exactly what the editorial workflow needs, nothing on users or groups."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"

# app label -> {model name: actions}
EDITOR_PERMISSIONS = {
    "films": {
        "film": ("add", "change", "delete", "view"),
        "credit": ("add", "change", "delete", "view"),
        "filmcountry": ("add", "change", "delete", "view"),
        "filmlanguage": ("add", "change", "delete", "view"),
        "filmrelation": ("add", "change", "delete", "view"),
        "genre": ("add", "change", "delete", "view"),
        "collection": ("add", "change", "delete", "view"),
        "country": ("view",),
        "language": ("view",),
    },
    "people": {"person": ("add", "change", "delete", "view")},
    "reviews": {"review": ("add", "change", "delete", "view")},
}


def create_editors(apps, schema_editor):
    # Permissions are normally made after all migrations run; make them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    codenames = [
        (app_label, f"{action}_{model}")
        for app_label, models in EDITOR_PERMISSIONS.items()
        for model, actions in models.items()
        for action in actions
    ]
    permissions = [
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
        for app_label, codename in codenames
    ]
    editors.permissions.set(permissions)


def remove_editors(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=EDITORS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("films", "0002_reference_data"),
        ("people", "0001_initial"),
        ("reviews", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_editors, remove_editors)]
