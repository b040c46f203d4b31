"""The Editors group holds exactly sitewide.editors.PERMISSIONS, after every migrate, so an
editor can use every part of the film form: release dates, other titles and stills too."""

import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management.sql import emit_post_migrate_signal

from sitewide.editors import PERMISSIONS
from tests.factories import FilmFactory, UserFactory

pytestmark = pytest.mark.django_db


def editors_permissions() -> set[tuple[str, str]]:
    editors = Group.objects.get(name="Editors")
    return set(editors.permissions.values_list("content_type__app_label", "codename"))


def test_the_group_holds_exactly_the_listed_permissions():
    listed = {
        (app_label, f"{action}_{model}")
        for app_label, models in PERMISSIONS.items()
        for model, actions in models.items()
        for action in actions
    }
    assert editors_permissions() == listed
    assert ("films", "add_still") in listed and ("films", "change_releasedate") in listed
    # Authors are credited on published work: editors add and change them, never delete.
    assert {("authors", "add_author"), ("authors", "change_author")} <= listed
    assert ("authors", "delete_author") not in listed


def test_migrate_puts_back_what_was_taken_and_takes_what_was_added():
    editors = Group.objects.get(name="Editors")
    before = editors_permissions()
    editors.permissions.remove(Permission.objects.get(codename="add_still"))
    editors.permissions.add(Permission.objects.get(codename="delete_user"))
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default", plan=[])
    assert editors_permissions() == before


def test_a_flush_leaves_the_group_to_the_tests_that_flushed():
    """A flush sends post_migrate without a plan; a serialised rollback then puts the group
    back as it was, which a group made in between would collide with."""
    Group.objects.filter(name="Editors").delete()
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert not Group.objects.filter(name="Editors").exists()


def test_an_editor_sees_every_part_of_the_film_form(client):
    editor = UserFactory(is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    html = client.get(f"/admin/films/film/{FilmFactory().pk}/change/").content.decode()
    formsets = set(re.findall(r'name="([a-z_]+)-TOTAL_FORMS"', html))
    assert {"credits", "film_countries", "film_languages", "relations", "stills"} <= formsets
    assert any("release" in name for name in formsets), formsets
    assert any("title" in name for name in formsets), formsets
