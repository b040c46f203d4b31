"""What `make bench` judges: each page against its own target (bench/site.py)."""

from bench.site import AS_MANY, CEILING, NEEDS, report


def row(page: str, rps: float, cache: str = "cold", p99: float = 40.0) -> dict:
    return {"backend": "SQLite", "cache": cache, "page": page, "rps": rps, "p50": 10.0,
            "p99": p99, "errors": 0}  # fmt: skip


def line_of(text: str, cache: str, page: str) -> str:
    return next(line for line in text.splitlines() if f"| {cache} | {page} |" in line)


def test_cold_pages_meet_their_own_targets_and_deep_pages_half_their_first():
    rows = [
        row(CEILING, 1000),
        row("person", 99),  # 0.099 < 0.10
        row("search", 130),  # 0.13 >= 0.12
        row("film list", 60),
        row("film list, last page", 31),  # more than half the first page's
        row("API film list", 80),
        row("API film list, page 500", 39),  # less than half
        row(CEILING, 2000, cache="warm"),
        row("film", 1300, cache="warm", p99=25.0),  # 0.65, but p99 over 20 ms
    ]
    text = report(rows, {})
    assert line_of(text, "cold", "person").endswith("| 0.100 | 0 | no: ratio |")
    assert line_of(text, "cold", "search").endswith("| yes |")
    assert line_of(text, "cold", "film list").endswith("| — | 0 | yes |")
    assert line_of(text, "cold", "film list, last page").endswith("| 0.030 | 0 | yes |")
    assert line_of(text, "cold", "API film list, page 500").endswith("| no: ratio |")
    assert line_of(text, "warm", "film").endswith("| 0.600 | 0 | no: p99 |")
    assert "| search | 0.004–0.012 | 0.12 |" in text  # the peer beside the target


def test_each_cold_target_is_set_beside_its_pages_necessary_work():
    rows = [
        row(CEILING, 1000),
        row("film", 40),
        {**row("film" + NEEDS, 50), "statements": "13"},  # 0.05: under 0.06 whatever the code
        {**row("film" + AS_MANY, 70), "statements": "13"},
        row("person", 60),
        {**row("person" + NEEDS, 500), "statements": "4"},
        {**row("person" + AS_MANY, 90), "statements": "4"},  # 0.09: under 0.10
        row("search", 60),
        {**row("search" + NEEDS, 500), "statements": "6"},
        {**row("search" + AS_MANY, 200), "statements": "6"},
    ]
    text = report(rows, {})
    assert (
        "| SQLite | film | 13 | 0.040 | 0.050 | 0.070 | 0.06 | no: its SQL alone is under the "
        "target |"
    ) in text
    assert "| person | 4 | 0.060 | 0.500 | 0.090 | 0.10 | no: as many queries are" in text
    assert "| SQLite | search | 6 | 0.060 | 0.500 | 0.200 | 0.12 | yes |" in text
    assert line_of(text, "cold", "film" + NEEDS).endswith("| — | 0 | — |")  # yardsticks
    assert line_of(text, "cold", "film" + AS_MANY).endswith("| — | 0 | — |")
