"""Examples in the OpenAPI schema: what the API answered for the demo catalogue (``manage.py
load_demo``), at https://marquee.example, with long lists cut short. tests/api/test_contract.py
checks each against its schema."""

from drf_spectacular.utils import OpenApiExample

AMELIE_LOGLINE = (
    "A shy Montmartre waitress decides, one August night, to meddle kindly in the lives around "
    "her, and nearly forgets her own."
)
FILM_DETAIL = {
    "id": 12,
    "slug": "amelie-2001",
    "url": "https://marquee.example/api/v1/films/amelie-2001/",
    "site_url": "https://marquee.example/films/amelie-2001/",
    "title": "Amélie",
    "original_title": "Le Fabuleux Destin d'Amélie Poulain",
    "alternative_titles": [
        {
            "title": "Die fabelhafte Welt der Amélie",
            "country": "DE",
            "language": "de",
            "kind": "release",
        },
        {"title": "Amelie", "country": "US", "language": None, "kind": "release"},
    ],
    "year": 2001,
    "release_date": "2001-04-25",
    "release_dates": [
        {"date": "2001-04-25", "country": "FR", "type": "theatrical", "note": ""},
        {"date": "2001-10-05", "country": "GB", "type": "theatrical", "note": ""},
        {"date": "2001-11-02", "country": "US", "type": "limited", "note": ""},
    ],
    "logline": AMELIE_LOGLINE,
    "synopsis": "",
    "runtime_minutes": 122,
    "aspect_ratio": "2.35:1",
    "colour": "colour",
    "fact_line": "FRANCE • GERMANY | 2001 | 122 MINUTES | 2.35:1 | COLOUR | FRENCH",
    "genres": [
        {
            "id": 4,
            "slug": "comedy",
            "name": "Comedy",
            "url": "https://marquee.example/api/v1/genres/comedy/",
            "site_url": "https://marquee.example/films/?genre=comedy",
        },
        {
            "id": 15,
            "slug": "romance",
            "name": "Romance",
            "url": "https://marquee.example/api/v1/genres/romance/",
            "site_url": "https://marquee.example/films/?genre=romance",
        },
    ],
    "countries": [
        {
            "code": "FR",
            "name": "France",
            "short_name": "France",
            "former": False,
            "url": "https://marquee.example/api/v1/countries/FR/",
            "site_url": "https://marquee.example/films/?country=FR",
        },
        {
            "code": "DE",
            "name": "Germany",
            "short_name": "Germany",
            "former": False,
            "url": "https://marquee.example/api/v1/countries/DE/",
            "site_url": "https://marquee.example/films/?country=DE",
        },
    ],
    "languages": [
        {
            "code": "fr",
            "name": "French",
            "url": "https://marquee.example/api/v1/languages/fr/",
            "site_url": "https://marquee.example/films/?language=fr",
        }
    ],
    "collection": None,
    "collection_order": None,
    "relations": [],
    "inverse_relations": [],
    "poster": "https://marquee.example/films/amelie-2001/poster.png",
    "poster_generated": True,
    "images": {
        "poster": {
            "url": "https://marquee.example/films/amelie-2001/poster.png",
            "width": 480,
            "height": 720,
            "renditions": [
                {
                    "url": "https://marquee.example/films/amelie-2001/poster.png",
                    "width": 480,
                    "type": "image/png",
                }
            ],
        },
        "backdrop": {
            "url": "https://marquee.example/media/films/backdrops/amelie-2001-backdrop.jpg",
            "width": 1280,
            "height": 720,
            "renditions": [
                {
                    "url": "https://marquee.example/media/renditions/films/backdrops/amelie-2001-backdrop.640w.webp",
                    "width": 640,
                    "type": "image/webp",
                }
            ],
        },
        "stills": [
            {
                "id": 4,
                "image": {
                    "url": "https://marquee.example/media/films/stills/amelie-2001-1-still.jpg",
                    "width": 960,
                    "height": 540,
                    "renditions": [
                        {
                            "url": "https://marquee.example/media/renditions/films/stills/amelie-2001-1-still.320w.webp",
                            "width": 320,
                            "type": "image/webp",
                        }
                    ],
                },
                "caption": "A skyline at noon (demo illustration)",
                "credit": "Marquee demo art",
                "position": 1,
            }
        ],
    },
    "imdb_id": "tt0211915",
    "tmdb_id": 194,
    "wikidata_id": "",
    "review_summary": {"count": 0, "average_rating": None},
    "credits": [
        {
            "id": 158,
            "person": {
                "id": 51,
                "slug": "jean-pierre-jeunet",
                "name": "Jean-Pierre Jeunet",
                "url": "https://marquee.example/api/v1/people/jean-pierre-jeunet/",
                "site_url": "https://marquee.example/people/jean-pierre-jeunet/",
            },
            "credited_as": "",
            "role": "director",
            "character": "",
            "order": 1,
            "note": "",
        },
        {
            "id": 159,
            "person": {
                "id": 41,
                "slug": "guillaume-laurant",
                "name": "Guillaume Laurant",
                "url": "https://marquee.example/api/v1/people/guillaume-laurant/",
                "site_url": "https://marquee.example/people/guillaume-laurant/",
            },
            "credited_as": "",
            "role": "writer",
            "character": "",
            "order": 1,
            "note": "",
        },
        {
            "id": 161,
            "person": {
                "id": 6,
                "slug": "audrey-tautou",
                "name": "Audrey Tautou",
                "url": "https://marquee.example/api/v1/people/audrey-tautou/",
                "site_url": "https://marquee.example/people/audrey-tautou/",
            },
            "credited_as": "",
            "role": "cast",
            "character": "Amélie Poulain",
            "order": 1,
            "note": "",
        },
    ],
    "mentioned_in": [],
    "created_at": "2025-11-02T18:20:11.412000Z",
    "updated_at": "2025-11-03T09:05:47.118000Z",
}

# A row of the film list: FilmSummarySerializer's fields, as the detail has them, with its
# genres, countries and languages compact (no links).
FILM_ROW = {
    name: FILM_DETAIL[name]
    for name in [
        "id", "slug", "url", "site_url", "title", "original_title", "year", "release_date",
        "logline", "runtime_minutes", "collection", "poster", "poster_generated",
        "review_summary", "updated_at",
    ]
} | {
    "genres": [{"slug": g["slug"], "name": g["name"]} for g in FILM_DETAIL["genres"]],
    "countries": [{"code": c["code"], "name": c["name"]} for c in FILM_DETAIL["countries"]],
    "languages": [{"code": x["code"], "name": x["name"]} for x in FILM_DETAIL["languages"]],
}  # fmt: skip

PERSON_DETAIL = {
    "id": 6,
    "slug": "audrey-tautou",
    "url": "https://marquee.example/api/v1/people/audrey-tautou/",
    "site_url": "https://marquee.example/people/audrey-tautou/",
    "name": "Audrey Tautou",
    "birth_date": None,
    "death_date": None,
    "birth_place": "",
    "death_place": "",
    "also_known_as": [],
    "biography": "",
    "photo": "https://marquee.example/media/people/Audrey_Tautou-headshot.jpg",
    "images": {
        "headshot": {
            "url": "https://marquee.example/media/people/Audrey_Tautou-headshot.jpg",
            "width": 480,
            "height": 600,
            "renditions": [
                {
                    "url": "https://marquee.example/media/renditions/people/Audrey_Tautou-headshot.160w.webp",
                    "width": 160,
                    "type": "image/webp",
                }
            ],
        }
    },
    "imdb_id": "",
    "tmdb_id": None,
    "wikidata_id": "",
    "filmography": [
        {
            "id": 161,
            "film": {
                "id": 12,
                "slug": "amelie-2001",
                "title": "Amélie",
                "year": 2001,
                "url": "https://marquee.example/api/v1/films/amelie-2001/",
                "site_url": "https://marquee.example/films/amelie-2001/",
            },
            "role": "cast",
            "character": "Amélie Poulain",
            "order": 1,
            "note": "",
        }
    ],
    "mentioned_in": [],
    "created_at": "2025-11-02T18:19:58.031000Z",
    "updated_at": "2025-11-02T18:19:58.031000Z",
}

REVIEW_ROW = {
    "id": 1,
    "slug": "ballerina-pirouettes-on-borrowed-steps",
    "url": "https://marquee.example/api/v1/reviews/ballerina-pirouettes-on-borrowed-steps/",
    "site_url": "https://marquee.example/reviews/ballerina-pirouettes-on-borrowed-steps/",
    "film": {
        "id": 1,
        "slug": "ballerina-2025",
        "title": "Ballerina",
        "year": 2025,
        "url": "https://marquee.example/api/v1/films/ballerina-2025/",
        "site_url": "https://marquee.example/films/ballerina-2025/",
    },
    "headline": "Ballerina pirouettes on borrowed steps",
    "standfirst": (
        "Ana de Armas fights hard in the first John Wick spin-off, but the film only comes alive "
        "when it remembers whose world it lives in."
    ),
    "byline": "Nora Castellan",
    "critic": {
        "id": 1,
        "slug": "nora-castellan",
        "name": "Nora Castellan",
        "url": "https://marquee.example/api/v1/authors/nora-castellan/",
        "site_url": "https://marquee.example/authors/nora-castellan/",
    },
    "rating": 3.0,
    "status": "published",
    "published_at": "2025-06-05T09:00:00Z",
    "updated_at": "2025-06-04T16:12:09.218000Z",
}

SEARCH = {
    "query": "amelie",
    "films": [
        {
            "id": 12,
            "slug": "amelie-2001",
            "title": "Amélie",
            "year": 2001,
            "url": "https://marquee.example/api/v1/films/amelie-2001/",
            "site_url": "https://marquee.example/films/amelie-2001/",
            "logline": AMELIE_LOGLINE,
        }
    ],
    "people": [],
    "reviews": [],
    "lists": [],
}

AMELIE_SYNOPSIS = (
    "Amélie Poulain grows up lonely in Enghien-les-Bains and, at twenty-two, waits tables in "
    "Montmartre. A box of childhood treasures found behind her bathroom wall sets her to "
    "arranging small happinesses for the people around her."
)

film_list = OpenApiExample(
    "Films", summary="A page of films", value=FILM_ROW, response_only=True, status_codes=[200]
)
film_detail = OpenApiExample(
    "Amelie", summary="Amélie", value=FILM_DETAIL, response_only=True, status_codes=[200]
)
person_detail = OpenApiExample(
    "Audrey Tautou", value=PERSON_DETAIL, response_only=True, status_codes=[200]
)
review_list = OpenApiExample(
    "Reviews", summary="The newest review", value=REVIEW_ROW, response_only=True, status_codes=[200]
)
search_results = OpenApiExample("Search", summary="?q=amelie", value=SEARCH, response_only=True)
create_film = [
    OpenApiExample(
        "Add Amelie",
        summary="Add Amélie",
        value={
            "title": "Amélie",
            "original_title": "Le Fabuleux Destin d'Amélie Poulain",
            "year": 2001,
            "release_date": "2001-04-25",
            "logline": FILM_DETAIL["logline"],
            "runtime_minutes": 122,
            "aspect_ratio": "2.35:1",
            "colour": "colour",
            "genres": ["comedy", "romance"],
            "countries": ["FR", "DE"],
            "languages": ["fr"],
            "imdb_id": "tt0211915",
            "tmdb_id": 194,
        },
        request_only=True,
    ),
    OpenApiExample(
        "Amelie added",
        summary="Amélie, added",
        value=FILM_DETAIL,
        response_only=True,
        status_codes=[201],
    ),
]
patch_film = [
    OpenApiExample("Write a synopsis", value={"synopsis": AMELIE_SYNOPSIS}, request_only=True),
    OpenApiExample(
        "Amelie with its synopsis",
        summary="Amélie, with its synopsis",
        value={**FILM_DETAIL, "synopsis": AMELIE_SYNOPSIS},
        response_only=True,
        status_codes=[200],
    ),
]
