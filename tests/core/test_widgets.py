"""QuickSelect draws the same <select> as Django's own widget, only faster."""

import pytest
from django import forms
from django.test.html import parse_html

from core.widgets import QuickSelect

CHOICES = [("", "Any genre"), ("action", "Action"), ("r&b", "Rhythm & <blues>"), (1990, "1990s")]


@pytest.mark.parametrize("value", [None, "", "action", "r&b", 1990, "1990", "nope"])
def test_same_markup_as_django_select(value):
    attrs = {"id": "id_genre", "aria-describedby": "genre-help"}
    ours = QuickSelect(choices=CHOICES).render("genre", value, attrs)
    django = forms.Select(choices=CHOICES).render("genre", value, attrs)
    assert parse_html(ours) == parse_html(django)


def test_text_is_escaped():
    html = QuickSelect(choices=[('"><script>', "<b>bold</b>")]).render('x"y', None)
    assert "<script>" not in html and "<b>" not in html
    assert 'name="x&quot;y"' in html


@pytest.mark.django_db
def test_the_film_list_filters_use_it():
    from films.filters import FilmFilter

    widgets = {name: type(field.widget) for name, field in FilmFilter().form.fields.items()}
    assert widgets["genre"] is QuickSelect
    assert widgets["country"] is QuickSelect
    assert widgets["language"] is QuickSelect
    assert widgets["decade"] is QuickSelect
