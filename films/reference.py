"""Countries and languages, from pycountry: ISO 3166-1 and the former countries of ISO 3166-3,
and every ISO 639-3 language. Each is keyed by its shortest code, as BCP 47 does: ``US`` and
``SUHH``; ``en`` and ``yue``. Beside ISO's names, the names film credits and IMDb use.

``sync(Country, Language)`` writes them to the database (a migration runs it; so does
``manage.py load_reference_data`` after an upgrade of pycountry). It keeps every row and every
name an editor added, so no film loses a link."""

import re

import pycountry

from core.text import fold

# What fact lines print where ISO's name is formal or long.
COUNTRY_SHORT_NAMES = {
    "BN": "Brunei", "BO": "Bolivia", "CD": "DR Congo", "CZ": "Czech Republic",
    "FM": "Micronesia", "GB": "UK", "IR": "Iran", "KP": "North Korea", "KR": "South Korea",
    "LA": "Laos", "MD": "Moldova", "MF": "Saint Martin", "PS": "Palestine", "RU": "Russia",
    "SX": "Sint Maarten", "SY": "Syria", "TW": "Taiwan", "TZ": "Tanzania", "US": "USA",
    "VA": "Vatican City", "VE": "Venezuela", "VN": "Vietnam",
    # Former countries, as credits of their films name them.
    "BUMM": "Burma", "BYAA": "Byelorussian SSR", "CSHH": "Czechoslovakia",
    "DDDE": "East Germany", "FXFR": "Metropolitan France", "HVBF": "Upper Volta",
    "SUHH": "Soviet Union",
    "VDVN": "North Vietnam", "YDYE": "South Yemen", "YUCS": "Yugoslavia", "ZRCD": "Zaire",
}  # fmt: skip

# Countries that credits name but ISO never coded, under IMDb's codes (in ISO's user-assigned
# range, so no ISO code will ever clash).
FILM_COUNTRIES = {"XWG": "West Germany"}

# Other names credits use, by code; and IMDb's own region codes (XYU), so they are looked up
# like names.
COUNTRY_OTHER_NAMES = {
    "US": ["United States of America", "America"],
    "GB": ["Great Britain", "Britain", "United Kingdom of Great Britain and Northern Ireland"],
    "NL": ["Holland"], "CI": ["Ivory Coast"], "CV": ["Cape Verde"], "TR": ["Turkey"],
    "MK": ["Macedonia"], "SZ": ["Swaziland"], "BA": ["Bosnia"], "CZ": ["Czechia"],
    "CD": ["Democratic Republic of the Congo", "Congo-Kinshasa"],
    "CG": ["Republic of the Congo", "Congo-Brazzaville"], "MM": ["Myanmar"],
    "SUHH": ["USSR", "U.S.S.R.", "Soviet Union"], "DDDE": ["GDR", "DDR"],
    "XWG": ["Federal Republic of Germany", "FRG", "BRD"],
    "YUCS": ["Federal Republic of Yugoslavia", "Socialist Federal Republic of Yugoslavia", "XYU"],
    "CSXX": ["Serbia & Montenegro"], "RHZW": ["Rhodesia"],
}  # fmt: skip

# What the site prints where ISO's name is a reference name ("Modern Greek (1453-)").
LANGUAGE_NAMES = {
    "bn": "Bengali", "dv": "Dhivehi", "el": "Greek", "ff": "Fula", "ht": "Haitian Creole",
    "ia": "Interlingua", "ii": "Nuosu", "kl": "Greenlandic", "ky": "Kyrgyz", "li": "Limburgish",
    "oc": "Occitan",
    "or": "Odia", "pa": "Punjabi", "ps": "Pashto", "to": "Tongan", "ug": "Uyghur",
    "cmn": "Mandarin", "yue": "Cantonese", "nan": "Min Nan", "wuu": "Shanghainese",
    "hak": "Hakka", "arc": "Aramaic", "zxx": "None",
}  # fmt: skip

LANGUAGE_OTHER_NAMES = {
    "cmn": ["Mandarin Chinese", "Putonghua"], "yue": ["Yue Chinese"],
    "nan": ["Hokkien", "Taiwanese", "Teochew", "Min Nan Chinese"], "wuu": ["Wu Chinese"],
    "fa": ["Farsi"], "nl": ["Flemish"], "ca": ["Valencian"], "zxx": ["Silent", "No dialogue"],
    "sh": ["Serbo-Croat"], "gd": ["Gaelic"], "ang": ["Old English"], "grc": ["Ancient Greek"],
    "el": ["Modern Greek"], "bn": ["Bangla"], "fil": ["Pilipino"], "pa": ["Panjabi"],
    "ro": ["Moldavian", "Moldovan"], "mos": ["Mooré", "Moore"],
}  # fmt: skip

QUALIFIER = re.compile(r"\s*\((?:macrolanguage|[^)]*\d[^)]*)\)$")


def countries() -> list[dict]:
    """Every country as ``{"code", "name", "short_name", "former", "other_names"}``."""
    rows = []
    for country in pycountry.countries:
        names = [country.name, getattr(country, "common_name", ""), country.alpha_3]
        names.append(getattr(country, "official_name", ""))
        rows.append(_country(country.alpha_2, country.name, names, former=False))
    for country in pycountry.historic_countries:
        # ISO's "USSR, Union of Soviet Socialist Republics" prints as "USSR".
        name = country.name.split(",")[0]
        rows.append(_country(country.alpha_4, name, [country.name, country.alpha_3], former=True))
    for code, name in FILM_COUNTRIES.items():
        rows.append(_country(code, name, [], former=True))
    return rows


def _country(code: str, name: str, names: list[str], *, former: bool) -> dict:
    short_name = COUNTRY_SHORT_NAMES.get(code, name)
    other = [*names, *COUNTRY_OTHER_NAMES.get(code, [])]
    return {
        "code": code,
        "name": name,
        "short_name": short_name,
        "former": former,
        "other_names": _distinct(other, leaving_out=(name, short_name)),
    }


def languages() -> list[dict]:
    """Every ISO 639-3 language as ``{"code", "name", "other_names"}``: individual languages,
    macrolanguages, sign languages, ancient and constructed ones, and the special codes
    (``zxx``: no linguistic content, for silent films)."""
    rows = []
    for language in pycountry.languages:
        code = getattr(language, "alpha_2", None) or language.alpha_3
        iso_name = getattr(language, "common_name", None) or language.name
        name = LANGUAGE_NAMES.get(code) or QUALIFIER.sub("", iso_name)
        other = [language.name, iso_name, *LANGUAGE_OTHER_NAMES.get(code, [])]
        other.append(QUALIFIER.sub("", language.name))
        if code != language.alpha_3:
            other.append(language.alpha_3)
        rows.append({"code": code, "name": name, "other_names": _distinct(other, (name,))})
    return rows


def _distinct(names: list[str], leaving_out: tuple[str, ...]) -> list[str]:
    seen = {fold(name) for name in leaving_out}
    distinct = []
    for name in names:
        if name and fold(name) not in seen:
            seen.add(fold(name))
            distinct.append(name)
    return distinct


def sync(Country, Language) -> tuple[int, int]:
    """Write every country and language; rows already there keep their names and gain any new
    other names. Returns how many were added. (Takes the models, so a migration can pass its
    historical ones.)"""
    return _sync(Country, countries()), _sync(Language, languages())


def _sync(model, rows: list[dict]) -> int:
    existing = {item.code: item for item in model.objects.all()}
    added, changed = [], []
    for row in rows:
        item = existing.get(row["code"])
        if item is None:
            added.append(model(**{**row, "other_names": "\n".join(row["other_names"])}))
            continue
        held = item.other_names.splitlines()
        more = _distinct(row["other_names"], leaving_out=(*held, item.name))
        if more:
            item.other_names = "\n".join([*held, *more])
            changed.append(item)
    model.objects.bulk_create(added, batch_size=500)
    model.objects.bulk_update(changed, ["other_names"], batch_size=500)
    return len(added)
