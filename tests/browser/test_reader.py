"""A reader's journey through the demo site, accessibility checks and screenshots."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PAGE_TYPES = {
    "home": "/",
    "film": "/films/ballerina-2025/",
    "film-releases": "/films/no-time-to-die-2021/",
    "person": "/people/keanu-reeves/",
    "review": "/reviews/ballerina-pirouettes-on-borrowed-steps/",
    "film-list": "/films/?decade=2010",
    "film-list-all": "/films/",
    "person-list": "/people/",
    "person-list-directors": "/people/?role=director",
    "review-list": "/reviews/",
    "author-list": "/authors/",
    "author": "/authors/nora-castellan/",
    "search": "/search/?q=wick",
    "not-found": "/films/no-such-film/",
}


def test_reader_goes_from_home_to_film_to_person_and_back_to_a_review_then_searches(
    page, demo_site
):
    page.goto(demo_site + "/")
    page.get_by_role("link", name="Ballerina (2025)").first.click()
    assert page.url.endswith("/films/ballerina-2025/")
    assert page.locator("h1").inner_text().startswith("Ballerina")
    assert "USA • HUNGARY | 2025 | 124 MINUTES" in page.locator(".fact-line").inner_text()

    page.locator(".cast-list").get_by_role("link", name="Ian McShane").click()
    assert page.url.endswith("/people/ian-mcshane/")
    assert page.locator("h1").inner_text() == "Ian McShane"
    assert page.get_by_role("link", name="John Wick: Chapter 4").count() >= 1

    page.go_back()
    page.get_by_role("link", name="Ballerina pirouettes on borrowed steps").click()
    assert "/reviews/" in page.url
    assert page.get_by_text("Rated 3 out of 5").count() == 1

    # With JavaScript the header box is a combobox: it offers suggestions (autocomplete.js).
    page.get_by_role("combobox", name="Search films, people and reviews").fill("sparrow")
    page.get_by_role("button", name="Search").first.click()
    assert "/search/?q=sparrow" in page.url
    page.get_by_role("link", name="Red Sparrow (2018)").click()
    assert page.url.endswith("/films/red-sparrow-2018/")
    assert page.locator("h1").inner_text().startswith("Red Sparrow")


def test_filters_work_without_javascript(browser, demo_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(demo_site + "/films/")
    page.get_by_label("Decade").select_option("2010")
    page.get_by_role("button", name="Show films").click()
    years = page.locator(".film-card .year").all_inner_texts()
    assert years and all(year.startswith("201") for year in years)
    context.close()


def test_film_filters_fold_behind_a_button_on_a_phone_without_javascript(browser, demo_site):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(demo_site + "/films/")
    decade = page.get_by_label("Decade")
    assert not decade.is_visible()
    page.locator(".filters-toggle-label").click()
    decade.select_option("2010")
    page.get_by_label("Director").fill("stahelski")
    page.get_by_role("button", name="Show films").click()
    assert "Filters (2)" in page.locator(".filters-toggle-label").inner_text()
    assert decade.is_visible()  # open while filters are set
    captions = page.locator(".film-card .poster-caption").all_inner_texts()
    assert captions and all("John Wick" in caption for caption in captions)

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(demo_site + "/films/")
    assert page.get_by_label("Decade").is_visible()  # a sidebar: never folded
    assert not page.locator(".filters-toggle-label").is_visible()
    context.close()


def test_releases_and_other_titles_open_without_javascript(browser, demo_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(demo_site + "/films/no-time-to-die-2021/")
    assert page.locator(".released").inner_text() == "Released 30 September 2021 (UK)"
    table = page.locator(".releases table")
    assert not table.is_visible()
    page.get_by_text("All 3 release dates").click()
    assert table.is_visible()
    assert "Premiere · Royal Albert Hall, London" in table.inner_text()
    french = page.locator('.also-known-as [lang="fr"]').last
    assert not french.is_visible()
    page.locator(".also-known-as summary").click()
    assert french.inner_text() == "Mourir peut attendre"

    page.goto(demo_site + "/people/keanu-reeves/")
    assert len(page.locator(".known-for li").all_inner_texts()) == 4
    tmdb = page.locator(".elsewhere").get_by_role("link", name="TMDB")
    assert tmdb.get_attribute("href") == "https://www.themoviedb.org/person/6384"
    context.close()


@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_no_serious_accessibility_violations(browser, demo_site, axe, name):
    # axe is injected as an inline script, which our Content-Security-Policy rightly blocks.
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        page.goto(demo_site + PAGE_TYPES[name])
        page.add_script_tag(path=str(axe))
        violations = page.evaluate(
            "async () => (await axe.run(document)).violations"
            ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
            ".map(v => `${v.id}: ${v.help} (${v.nodes.map(n => n.target).join(', ')})`)"
        )
        assert violations == [], f"{name} ({scheme}): {violations}"
    context.close()


@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_pages_fit_a_phone_and_are_screenshotted(browser, demo_site, screenshot, name):
    for label, viewport in (("desktop", {"width": 1280, "height": 900}),
                            ("phone", {"width": 360, "height": 780})):  # fmt: skip
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        page.goto(demo_site + PAGE_TYPES[name])
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at {label} width"
        assert screenshot(page, f"{name}-{label}").stat().st_size > 0
        context.close()


def test_keyboard_user_can_skip_to_content(page, demo_site):
    page.goto(demo_site + "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    assert skip.evaluate("element => element === document.activeElement")
    assert skip.is_visible()


def test_csp_blocks_an_injected_inline_script_and_json_ld_still_parses(page, demo_site):
    page.goto(demo_site + "/films/ballerina-2025/")
    page.evaluate(
        """() => {
            window.violations = [];
            document.addEventListener("securitypolicyviolation", (event) =>
                window.violations.push(event.violatedDirective));
            const script = document.createElement("script");
            script.textContent = "window.injected = true;";
            document.head.appendChild(script);
        }"""
    )
    page.wait_for_function("window.violations.length > 0")
    assert page.evaluate("window.injected") is None
    assert page.evaluate("window.violations")[0].startswith("script-src")
    movie = page.evaluate(
        """JSON.parse(document.querySelector('script[type="application/ld+json"]').textContent)"""
    )
    assert (movie["@type"], movie["name"]) == ("Movie", "Ballerina")
    assert "Len Wiseman" in [director["name"] for director in movie["director"]]
