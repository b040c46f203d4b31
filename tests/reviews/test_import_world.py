"""Real footers of films from countries that no longer exist and in languages with no
two-letter code: each imports with every country and language it names, and nothing new to
check. (Facts from the films' credits; the sentences are ours.)"""

from io import StringIO

import pytest
from django.core.management import call_command

from films.models import Country, Film, Language
from reviews.importer.services import import_review, plan_import
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

BODY = "A sentence of ours about the film, long enough to be a review's opening line."

# (footer and credits, country codes, language codes)
FILMS = {
    "Come and See": (
        "COME AND SEE (1985)",
        "SOVIET UNION | 1985 | 142 MINUTES | 1.37:1 | COLOUR | BELARUSIAN • RUSSIAN • GERMAN\n"
        "directors: Elem Klimov.\nwriters: Ales Adamovich & Elem Klimov.\n"
        "starring: Aleksei Kravchenko & Olga Mironova.",
        ["SUHH"], ["be", "ru", "de"],
    ),
    "Ivan's Childhood": (
        "IVAN'S CHILDHOOD (1962)",
        "USSR | 1962 | 95 MINUTES | BLACK & WHITE | RUSSIAN • GERMAN\n"
        "director: Andrei Tarkovsky.\nstarring: Nikolai Burlyayev & Valentin Zubkov.",
        ["SUHH"], ["ru", "de"],
    ),
    "The Shop on Main Street": (
        "THE SHOP ON MAIN STREET (1965)",
        "CZECHOSLOVAKIA | 1965 | 128 MINUTES | 1.37:1 | BLACK & WHITE | SLOVAK • YIDDISH\n"
        "directors: Ján Kadár & Elmar Klos.\nstarring: Ida Kamińska & Jozef Kroner.",
        ["CSHH"], ["sk", "yi"],
    ),
    "The Marriage of Maria Braun": (
        "THE MARRIAGE OF MARIA BRAUN (1979)",
        "WEST GERMANY | 1979 | 120 MINUTES | COLOUR | GERMAN • ENGLISH\n"
        "director: Rainer Werner Fassbinder.\nstarring: Hanna Schygulla & Klaus Löwitsch.",
        ["XWG"], ["de", "en"],
    ),
    "The Legend of Paul and Paula": (
        "THE LEGEND OF PAUL AND PAULA (1973)",
        "EAST GERMANY | 1973 | 105 MINUTES | COLOUR | GERMAN\n"
        "director: Heiner Carow.\nstarring: Angelica Domröse & Winfried Glatzeder.",
        ["DDDE"], ["de"],
    ),
    "Underground": (
        "UNDERGROUND (1995)",
        "YUGOSLAVIA • FRANCE • GERMANY | 1995 | 170 MINUTES | COLOUR | SERBO-CROATIAN • GERMAN\n"
        "director: Emir Kusturica.\n"
        "starring: Miki Manojlović, Lazar Ristovski & Mirjana Joković.",
        ["YUCS", "FR", "DE"], ["sh", "de"],
    ),
    "Yaaba": (
        "YAABA (1989)",
        "BURKINA FASO • SWITZERLAND • FRANCE | 1989 | 90 MINUTES | COLOUR | MOORÉ\n"
        "director: Idrissa Ouédraogo.\nstarring: Fatimata Sanga & Noufou Ouédraogo.",
        ["BF", "CH", "FR"], ["mos"],
    ),
    "In the Mood for Love": (
        "IN THE MOOD FOR LOVE (2000)",
        "HONG KONG • FRANCE | 2000 | 98 MINUTES | 1.66:1 | COLOUR | "
        "CANTONESE • SHANGHAINESE • FRENCH • SPANISH\n"
        "director: Wong Kar-wai.\nstarring: Tony Leung Chiu-wai & Maggie Cheung.",
        ["HK", "FR"], ["yue", "wuu", "fr", "es"],
    ),
    "A City of Sadness": (
        "A CITY OF SADNESS (1989)",
        "TAIWAN | 1989 | 157 MINUTES | COLOUR | HOKKIEN • MANDARIN • JAPANESE • CANTONESE\n"
        "director: Hou Hsiao-hsien.\nstarring: Tony Leung Chiu-wai & Xin Shufen.",
        ["TW"], ["nan", "cmn", "ja", "yue"],
    ),
    "The Passion of the Christ": (
        "THE PASSION OF THE CHRIST (2004)",
        "USA | 2004 | 127 MINUTES | 2.39:1 | COLOUR | ARAMAIC • LATIN • HEBREW\n"
        "director: Mel Gibson.\nstarring: Jim Caviezel & Monica Bellucci.",
        ["US"], ["arc", "la", "he"],
    ),
    "CODA": (
        "CODA (2021)",
        "USA • FRANCE • CANADA | 2021 | 111 MINUTES | 1.85:1 | COLOUR | "
        "ENGLISH • AMERICAN SIGN LANGUAGE\n"
        "director: Sian Heder.\nstarring: Emilia Jones, Troy Kotsur & Marlee Matlin.",
        ["US", "FR", "CA"], ["en", "ase"],
    ),
}  # fmt: skip


def document(title_line: str, footer: str) -> str:
    logline = "One line of ours about what happens."
    return f"{title_line}\n{logline}\n\n{BODY}\n{footer}\n"


@pytest.mark.parametrize("film", FILMS)
def test_a_real_footer_imports_every_country_and_language(film):
    title_line, footer, countries, languages = FILMS[film]
    plan = plan_import(document(title_line, footer))
    assert plan.new_names == []
    assert [country.code for country in plan.countries] == countries
    assert [language.code for language in plan.languages] == languages

    result = import_review(text=document(title_line, footer), author=UserFactory())
    saved = Film.objects.get(pk=result.film.pk)
    assert [country.code for country in saved.ordered_countries] == countries
    assert [language.code for language in saved.ordered_languages] == languages
    assert result.names_created == []


def test_the_film_page_names_former_countries_as_credits_do(client):
    title_line, footer, *_ = FILMS["Come and See"]
    result = import_review(text=document(title_line, footer), author=UserFactory())
    html = client.get(result.film.get_absolute_url()).content.decode()
    assert "SOVIET UNION | 1985 | 142 MINUTES" in html  # the house style's fact line
    assert "BELARUSIAN • RUSSIAN • GERMAN" in html


# Sweet Dream (1936), Korea under Japanese rule: a country no code list holds. The command
# makes it, for an editor to check, and says so; a second import knows it.
SWEET_DREAM = document(
    "SWEET DREAM (1936)",
    "KOREA | 1936 | 47 MINUTES | BLACK & WHITE | KOREAN\n"
    "director: Yang Ju-nam.\nstarring: Moon Ye-bong.",
)


def test_the_command_makes_an_unknown_country_and_says_so(tmp_path):
    UserFactory(is_superuser=True)
    path = tmp_path / "sweet-dream.txt"
    path.write_text(SWEET_DREAM, encoding="utf-8")

    dry = StringIO()
    call_command("import_review", str(path), "--dry-run", stdout=dry)
    assert "New country: Korea (to check; or say which it is with --same-as)" in dry.getvalue()
    assert not Country.objects.filter(name="Korea").exists()

    out = StringIO()
    call_command("import_review", str(path), stdout=out)
    korea = Country.objects.get(name="Korea")
    assert (korea.code, korea.needs_check, korea.former) == ("XKO", True, False)
    assert "New country: Korea (XKO); check it in the admin." in out.getvalue()
    assert Film.objects.get(title="Sweet Dream").ordered_countries == [korea]
    assert plan_import(SWEET_DREAM).new_names == []


def test_the_command_maps_an_unknown_name_with_same_as(tmp_path):
    UserFactory(is_superuser=True)
    path = tmp_path / "sweet-dream.txt"
    path.write_text(SWEET_DREAM, encoding="utf-8")
    call_command("import_review", str(path), "--same-as", "KOREA=KR", stdout=StringIO())
    assert Film.objects.get(title="Sweet Dream").ordered_countries == [
        Country.objects.get(code="KR")
    ]
    assert not Country.objects.filter(needs_check=True).exists()
    assert "KOREA" in Country.objects.get(code="KR").other_names.splitlines()


@pytest.mark.parametrize(
    ("option", "message"),
    [
        ("KOREA", "--same-as expects NAME=CODE, not “KOREA”"),
        ("KOREA=ZZZZ", "“KOREA”: there is no country with the code “ZZZZ”"),
        ("NARNIA=GB", "“NARNIA” is not a new country or language of the facts"),
    ],
)
def test_a_bad_same_as_is_one_line_and_saves_nothing(tmp_path, option, message):
    from django.core.management.base import CommandError

    UserFactory(is_superuser=True)
    path = tmp_path / "sweet-dream.txt"
    path.write_text(SWEET_DREAM, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        call_command("import_review", str(path), "--same-as", option, stdout=StringIO())
    assert not Film.objects.exists()
    assert Language.objects.filter(needs_check=True).count() == 0
