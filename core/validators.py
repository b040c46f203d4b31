"""Formats of the external identifiers we store, shared by model validation and database checks."""

from django.core.validators import RegexValidator

IMDB_TITLE_ID = r"^tt[0-9]{7,10}$"
IMDB_NAME_ID = r"^nm[0-9]{7,10}$"
WIKIDATA_ID = r"^Q[1-9][0-9]{0,11}$"
ASPECT_RATIO = r"^[0-9]{1,2}(\.[0-9]{1,2})?:1$"

validate_imdb_title_id = RegexValidator(IMDB_TITLE_ID, "Enter an IMDb title id such as tt7181546.")
validate_imdb_name_id = RegexValidator(IMDB_NAME_ID, "Enter an IMDb name id such as nm0000206.")
validate_wikidata_id = RegexValidator(WIKIDATA_ID, "Enter a Wikidata id such as Q43416.")
validate_aspect_ratio = RegexValidator(
    ASPECT_RATIO, "Enter an aspect ratio such as 2.39:1 or 16:1."
)
