"""Demo curated lists, written for Marquee (not taken from anywhere)."""

LISTS = [
    {
        "title": "Where to start with John Wick",
        "byline": "Nora Castellan",
        "published_at": "2025-06-12T09:00:00+00:00",
        "introduction": """\
Four films and a spin-off, one grieving hitman and a rulebook that grows a page with every
chapter. Watch them in order: each picks up minutes after the last, and the world-building
pays off only if you have seen it built.""",
        "entries": [
            ("john-wick-2014", "The lean original: a dog, a car, a debt. Still the best-paced."),
            (
                "john-wick-chapter-2-2017",
                "Rome, a marker and the Continental's rules, at last explained.",
            ),
            (
                "john-wick-chapter-3-parabellum-2019",
                "Excommunicado, on horseback through Manhattan.",
            ),
            ("john-wick-chapter-4-2023", "Nearly three hours, and the staircase justifies it."),
            ("ballerina-2025", "Set between chapters three and four: watch it last."),
        ],
    },
    {
        "title": "Spies and double-crosses",
        "byline": "Tomás Ferreira",
        "published_at": "2025-07-03T09:00:00+00:00",
        "introduction": """\
Nobody in these films is who they say they are, and the fun is in working out who knew
first. Three spy stories and one heist that plays like one.""",
        "entries": [
            ("no-time-to-die-2021", "A farewell that takes its time, and earns it."),
            ("red-sparrow-2018", "Cold, patient and nastier than its poster lets on."),
            ("black-widow-2021", "A family of former assets, settling accounts."),
            ("the-usual-suspects-1995", "The double-cross every later one is measured against."),
        ],
    },
]
