"""Countries and languages from pycountry (films/reference.py, migration 0007): every ISO
3166-1 and former ISO 3166-3 country, every ISO 639-3 language, the names credits use, and a
migration that keeps every film's links."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from core.text import fold
from films import reference
from films.models import Country, Film, Language

pytestmark = pytest.mark.django_db

BEFORE = [("films", "0005_film_title_lower_indexes")]


def test_every_country_current_and_former():
    assert Country.objects.filter(former=False).count() == 249
    former = dict(Country.objects.filter(former=True).values_list("code", "short_name"))
    assert len(former) == 32  # ISO 3166-3's 31 and West Germany
    assert former["SUHH"] == "Soviet Union"
    assert former["CSHH"] == "Czechoslovakia"
    assert former["DDDE"] == "East Germany"
    assert former["XWG"] == "West Germany"
    assert former["YUCS"] == "Yugoslavia"
    assert Country.objects.get(code="US").short_name == "USA"


def test_every_iso_639_3_language_under_its_shortest_code():
    assert Language.objects.count() == 7923
    assert Language.objects.filter(name__endswith="Sign Language").count() >= 150
    names = dict(Language.objects.values_list("code", "name"))
    assert (names["en"], names["yue"], names["cmn"], names["ase"]) == (
        "English", "Cantonese", "Mandarin", "American Sign Language"
    )  # fmt: skip
    # Individual languages of a macrolanguage are there beside it.
    assert {"zh", "cmn", "yue", "wuu", "nan", "hak"} <= names.keys()
    assert names["el"] == "Greek" and names["sw"] == "Swahili"  # not ISO's reference names
    assert not any("(macrolanguage)" in name for name in names.values())


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("USA", "US"), ("UNITED STATES OF AMERICA", "US"), ("UK", "GB"), ("GREAT BRITAIN", "GB"),
        ("SOVIET UNION", "SUHH"), ("USSR", "SUHH"), ("WEST GERMANY", "XWG"),
        ("EAST GERMANY", "DDDE"), ("CZECHOSLOVAKIA", "CSHH"), ("YUGOSLAVIA", "YUCS"),
        ("XYU", "YUCS"), ("BURMA", "BUMM"), ("MYANMAR", "MM"), ("ZAIRE", "ZRCD"),
        ("UPPER VOLTA", "HVBF"), ("IVORY COAST", "CI"), ("CÔTE D'IVOIRE", "CI"),
        ("HONG KONG", "HK"), ("SOUTH KOREA", "KR"), ("TURKEY", "TR"), ("RHODESIA", "RHZW"),
        ("FRANCE", "FR"), ("METROPOLITAN FRANCE", "FXFR"),
    ],
)  # fmt: skip
def test_the_names_credits_use_find_the_country(name, code):
    assert Country.objects.by_name()[fold(name)].code == code


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("ENGLISH", "en"), ("MANDARIN", "cmn"), ("CANTONESE", "yue"), ("SHANGHAINESE", "wuu"),
        ("HOKKIEN", "nan"), ("TAIWANESE", "nan"), ("FARSI", "fa"), ("PERSIAN", "fa"),
        ("ARAMAIC", "arc"), ("AMERICAN SIGN LANGUAGE", "ase"), ("BRITISH SIGN LANGUAGE", "bfi"),
        ("SILENT", "zxx"), ("NONE", "zxx"), ("SERBO-CROATIAN", "sh"), ("MOORÉ", "mos"),
        ("SWISS GERMAN", "gsw"), ("PUNJABI", "pa"), ("PANJABI", "pa"), ("ANCIENT GREEK", "grc"),
        ("GREEK", "el"), ("KLINGON", "tlh"), ("WOLOF", "wo"), ("INUKTITUT", "iu"),
        ("QUECHUA", "qu"), ("BELARUSIAN", "be"), ("eng", "en"), ("yue", "yue"),
    ],
)  # fmt: skip
def test_the_names_credits_use_find_the_language(name, code):
    assert Language.objects.by_name()[fold(name)].code == code


def test_syncing_again_keeps_names_editors_added():
    soviet = Country.objects.get(code="SUHH")
    soviet.other_names += "\nCCCP"
    soviet.save()
    Language.objects.filter(code="yue").delete()
    call_command("load_reference_data", stdout=(out := __import__("io").StringIO()))
    assert out.getvalue().strip() == "Added 0 countries and 1 languages."
    assert "CCCP" in Country.objects.get(code="SUHH").other_names.splitlines()
    assert reference.sync(Country, Language) == (0, 0)


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_every_film_linked_to_its_countries_and_languages():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    try:
        old = executor.loader.project_state(BEFORE).apps
        # As the hand-kept JSON left them: two-letter codes and nothing else.
        assert not old.get_model("films", "Country").objects.filter(code="SUHH").exists()
        old.get_model("films", "Country").objects.update_or_create(
            code="JP", defaults={"name": "Japan", "short_name": "Japan"}
        )
        old.get_model("films", "Language").objects.update_or_create(
            code="ja", defaults={"name": "Japanese"}
        )
        film = old.get_model("films", "Film").objects.create(title="Ikiru", slug="ikiru", year=1952)
        old.get_model("films", "FilmCountry").objects.create(film=film, country_id="JP", position=1)
        old.get_model("films", "FilmLanguage").objects.create(
            film=film, language_id="ja", position=1
        )
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())

    film = Film.objects.get(slug="ikiru")
    assert [country.short_name for country in film.ordered_countries] == ["Japan"]
    assert [language.name for language in film.ordered_languages] == ["Japanese"]
    assert Country.objects.filter(code="SUHH", former=True).exists()
    assert Language.objects.count() == 7923
