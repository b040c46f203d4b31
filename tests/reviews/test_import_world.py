"""Real footers of films from countries that no longer exist and in languages with no
two-letter code: each imports with every country and language it names, and nothing new to
check. (Facts from the films' credits; the sentences are ours.)"""

from io import StringIO

import pytest
from django.core.management import call_command

from films.models import Country, Film, Language
from reviews.importer.house_style import HouseStyleError, parse_fact_line
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


# Whole reviews, of films from several countries and decades: the facts are the films', the
# sentences ours. (title line, logline, review, footer, the headline the import proposes)
REVIEWS = {
    "The Wizard of Oz": (
        "THE WIZARD OF OZ (1939)",
        "A Kansas girl blown into a painted country looks for the way home.",
        "The cut from sepia to colour is still the best door in the movies. "
        "Everything after it is a song, a threat or a joke, and often all three.\n"
        "Judy Garland plays the homesickness straight, which is why it works.",
        "USA | 1939 | 102 MINUTES | 1.37:1 | COLOUR & BLACK & WHITE | ENGLISH\n"
        "director: Victor Fleming.\n"
        "writers: Noel Langley, Florence Ryerson & Edgar Allan Woolf "
        "(based on the novel by L. Frank Baum).\n"
        "starring: Judy Garland, Frank Morgan, Ray Bolger, Bert Lahr & Jack Haley.",
        "The cut from sepia to colour is still the best door in the movies",
    ),
    "The Third Man": (
        "THE THIRD MAN (1949)",
        "A writer of westerns arrives in Vienna to find his friend just buried.",
        "Vienna has never looked so tired, or so tilted. "
        "Orson Welles turns up late and takes the film home in his pocket.",
        "UK | 1949 | 104 MINUTES | 1.37:1 | BLACK & WHITE | ENGLISH • GERMAN\n"
        "director: Carol Reed.\nwriter: Graham Greene.\n"
        "starring: Joseph Cotten, Alida Valli, Orson Welles & Trevor Howard.",
        "Vienna has never looked so tired, or so tilted",
    ),
    "Seven Samurai": (
        "SEVEN SAMURAI (1954)",
        "Farmers hire masterless swordsmen to hold off bandits until the harvest is in.",
        "Three and a half hours, and not one of them idle! "
        "The rain in the last battle is the wettest thing ever filmed.",
        "JAPAN | 1954 | 207 MINUTES | 1.37:1 | BLACK & WHITE | JAPANESE\n"
        "director: Akira Kurosawa.\nwriters: Akira Kurosawa, Shinobu Hashimoto & Hideo Oguni.\n"
        "starring: Toshirō Mifune, Takashi Shimura & Keiko Tsushima.",
        "Three and a half hours, and not one of them idle!",
    ),
    "The Battle of Algiers": (
        "THE BATTLE OF ALGIERS (1966)",
        "The fight for the Casbah, from the first bombs to the paratroopers' sweep.",
        "It looks like newsreel and plays like a thriller. "
        "Neither side is let off, which is rarer than it should be.",
        "ITALY • ALGERIA | 1966 | 121 MINUTES | 1.85:1 | BLACK & WHITE | FRENCH • ARABIC\n"
        "director: Gillo Pontecorvo.\nwriters: Franco Solinas & Gillo Pontecorvo.\n"
        "starring: Jean Martin, Saadi Yacef & Brahim Hadjadj.",
        "It looks like newsreel and plays like a thriller",
    ),
    "Wings of Desire": (
        "WINGS OF DESIRE (1987)",
        "An angel listening in on Berlin's thoughts wants to feel the cold for himself.",
        "Mr. Wenders films a divided city from the shoulders of its statues. "
        "When the colour comes, it comes like a first coffee.",
        "WEST GERMANY • FRANCE | 1987 | 128 MINUTES | 1.66:1 | BLACK & WHITE & COLOUR | "
        "GERMAN • ENGLISH • FRENCH\n"
        "director: Wim Wenders.\nwriters: Wim Wenders & Peter Handke.\n"
        "starring: Bruno Ganz, Solveig Dommartin, Otto Sander & Peter Falk.",
        "Mr. Wenders films a divided city from the shoulders of its statues",
    ),
    "Amélie": (
        "AMÉLIE (2001)",
        "A shy waitress in Montmartre sets about fixing other people's lives.",
        "*Amélie* is a postcard that knows it is a postcard, and sends itself anyway. "
        "Audrey Tautou makes the whimsy sound like common sense.",
        "FRANCE • GERMANY | 2001 | 122 MINUTES | 2.35:1 | COLOUR | FRENCH\n"
        "director: Jean-Pierre Jeunet.\nwriters: Guillaume Laurant & Jean-Pierre Jeunet.\n"
        "starring: Audrey Tautou & Mathieu Kassovitz.",
        "Amélie is a postcard that knows it is a postcard, and sends itself anyway",
    ),
    "City of God": (
        "CITY OF GOD (2002)",
        "A boy with a camera grows up among the gangs of a Rio housing estate.",
        "The camera never stands still, and neither does anyone in front of it. "
        "It is exhausting by design.",
        "BRAZIL • FRANCE | 2002 | 130 MINUTES | 1.85:1 | COLOUR | PORTUGUESE\n"
        "directors: Fernando Meirelles & Kátia Lund.\n"
        "writer: Bráulio Mantovani (based on the novel by Paulo Lins).\n"
        "starring: Alexandre Rodrigues, Leandro Firmino & Phellipe Haagensen.",
        "The camera never stands still, and neither does anyone in front of it",
    ),
    "Parasite": (
        "PARASITE (2019)",
        "A family living below the street talks its way into a rich household's payroll.",
        "Every staircase in it goes somewhere worse. "
        "The comedy curdles so gradually that you laugh a beat after you should stop.",
        "SOUTH KOREA | 2019 | 132 MINUTES | 2.39:1 | COLOUR | KOREAN\n"
        "director: Bong Joon-ho.\nwriters: Bong Joon-ho & Han Jin-won.\n"
        "starring: Song Kang-ho, Lee Sun-kyun, Cho Yeo-jeong & Choi Woo-shik.",
        "Every staircase in it goes somewhere worse",
    ),
}  # fmt: skip


def review_text(film: str) -> str:
    title_line, logline, review, footer, _ = REVIEWS[film]
    return f"{title_line}\n{logline}\n{review}\n{footer}\n"


@pytest.mark.parametrize("film", REVIEWS)
def test_a_whole_review_imports_with_its_first_sentence_as_headline(film):
    title_line, logline, review, footer, headline = REVIEWS[film]
    author = UserFactory(first_name="Iris", last_name="Barry")
    result = import_review(text=review_text(film), author=author)

    saved = Film.objects.with_credits().get(pk=result.film.pk)
    fact_line = footer.splitlines()[0]
    assert parse_fact_line(saved.fact_line(), 1) == parse_fact_line(fact_line, 1)
    assert saved.logline == logline
    credited = {c.person.name for c in saved.credit_list}
    for line in footer.splitlines()[1:]:
        names = line.split(":", 1)[1].split("(")[0].strip(" .").replace(" & ", ", ")
        assert set(names.split(", ")) <= credited, line
    assert result.names_created == []
    assert (result.review.headline, result.review.byline) == (headline, "Iris Barry")
    assert result.review.status == "draft"


def test_every_bad_line_of_real_reviews_is_reported_together():
    text = (
        review_text("Wings of Desire")
        .replace("WINGS OF DESIRE (1987)", "WINGS OF DESIRE 1987")
        .replace("| 128 MINUTES |", "| 128 MINS. OR SO |")
        .replace("| 1.66:1 |", "| 1.66 |")
        .replace("director: Wim Wenders.", "directed by Wim Wenders.")
        .replace("writers: Wim Wenders & Peter Handke.", "written by Wim Wenders & Peter Handke.")
        .replace("Otto Sander &", "Otto Sander, 1987 &")
    )
    with pytest.raises(HouseStyleError) as raised:
        plan_import(text)
    assert [(error.number, error.message[:40]) for error in raised.value.errors] == [
        (1, "expected the title and year, e.g. BALLER"),
        (4, "expected countries, the year, a runtime "),
        (4, "expected countries, the year, a runtime "),
        (5, "expected “director:”, “directors:”, “wri"),
        (6, "expected “director:”, “directors:”, “wri"),
        (7, "expected names such as Ana de Armas sepa"),
    ]
    assert not Film.objects.exists()
