"""Header search suggestions in a real browser: shown as the reader types, chosen with the
keyboard, announced to screen readers; and the plain search without JavaScript."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_suggestions_by_keyboard(page, demo_site):
    page.goto(demo_site + "/")
    box = page.get_by_role("combobox", name="Search films, people and reviews")
    box.press_sequentially("balle", delay=30)
    listbox = page.get_by_role("listbox", name="Suggestions")
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    options = listbox.get_by_role("option")
    expect(options.first).to_contain_text("Ballerina")
    expect(options.first).to_contain_text("Film, 2025")
    expect(page.get_by_role("status").filter(has_text="suggestion")).to_contain_text(
        "use the up and down arrows"
    )

    box.press("ArrowDown")
    expect(options.first).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", options.first.get_attribute("id"))
    box.press("ArrowUp")  # wraps round to the last
    expect(options.last).to_have_attribute("aria-selected", "true")
    box.press("Escape")
    expect(listbox).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(box).to_have_value("balle")

    box.press("ArrowDown")  # back again, on the first
    expect(options.first).to_have_attribute("aria-selected", "true")
    box.press("Enter")
    page.wait_for_url("**/films/ballerina-2025/")


def test_suggestions_show_posters_headshots_or_initials_at_a_fixed_size(page, demo_site):
    page.goto(demo_site + "/")
    box = page.get_by_role("combobox", name="Search films, people and reviews")
    box.press_sequentially("an", delay=30)
    listbox = page.get_by_role("listbox", name="Suggestions")
    expect(listbox).to_be_visible()
    # Decorative: the names stay the label and the kind, nothing from the picture.
    ana = page.get_by_role("option", name="Ana de Armas Person", exact=True)
    anjelica = page.get_by_role("option", name="Anjelica Huston Person", exact=True)
    ballerina = page.get_by_role("option", name="Ballerina Film, 2025", exact=True)
    headshot = ana.locator("img")
    expect(headshot).to_have_attribute("alt", "")
    expect(headshot).to_have_attribute("src", re.compile(r"/media/renditions/.+\.160w\.jpg$"))
    expect(headshot).to_have_attribute("width", "160")
    poster = ballerina.locator("img")
    expect(poster).to_have_attribute("src", "/films/ballerina-2025/poster.png")
    expect(poster).to_have_attribute("height", "720")
    initials = anjelica.locator(".suggestion-initials")
    expect(initials).to_have_text("AH")
    expect(initials).to_have_attribute("aria-hidden", "true")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.suggestions img')]"
        ".every(img => img.complete && img.naturalWidth > 0)"
    )
    # The stylesheet sizes them, loaded or not: the list does not move as they arrive.
    sizes = {
        name: option.locator(".suggestion-image").evaluate(
            "e => [e.getBoundingClientRect().width, e.getBoundingClientRect().height]"
        )
        for name, option in (("headshot", ana), ("initials", anjelica), ("poster", ballerina))
    }
    assert sizes == {"headshot": [28, 28], "initials": [28, 28], "poster": [28, 42]}


def test_typos_and_people_and_enter_without_a_choice_searches(page, demo_site):
    page.goto(demo_site + "/films/")
    box = page.get_by_role("combobox", name="Search films, people and reviews")
    box.press_sequentially("kenau", delay=30)
    option = page.get_by_role("option").first
    expect(option).to_contain_text("Keanu Reeves")
    expect(option).to_contain_text("Person")
    box.press("Enter")  # nothing highlighted: the ordinary search
    page.wait_for_url("**/search/?q=kenau")
    expect(page.get_by_role("heading", name="People (1)")).to_be_visible()


def test_the_film_list_director_field_suggests_people_and_fills_in_a_name(page, demo_site):
    page.goto(demo_site + "/films/")
    box = page.get_by_role("combobox", name="Director")
    box.press_sequentially("stahel", delay=30)
    options = page.get_by_role("listbox", name="Suggestions").get_by_role("option")
    expect(options.first).to_contain_text("Chad Stahelski")
    for text in options.all_inner_texts():
        assert "Person" in text  # people alone
    box.press("ArrowDown")
    box.press("Enter")  # fills the box; the page stays
    expect(box).to_have_value("Chad Stahelski")
    assert page.url.endswith("/films/")
    page.get_by_role("button", name="Show films").click()
    page.wait_for_url("**/films/?*director=Chad+Stahelski*")
    captions = page.locator(".film-card .poster-caption").all_inner_texts()
    assert captions and all("John Wick" in caption for caption in captions)


def test_search_works_without_javascript(browser, demo_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(demo_site + "/")
    box = page.get_by_role("searchbox", name="Search films, people and reviews").first
    box.fill("zzzzz qqqqq")  # nothing in the demo
    page.get_by_role("button", name="Search").first.click()
    assert "/search/?q=zzzzz+qqqqq" in page.url
    expect(page.locator("main")).to_contain_text("Nothing matches")
    box = page.get_by_role("searchbox", name="Search films, people and reviews").first
    box.fill("balerina")
    page.get_by_role("button", name="Search").first.click()
    expect(page.get_by_role("link", name="Ballerina (2025)").first).to_be_visible()
    context.close()


def test_open_suggestions_and_the_results_page_have_no_serious_accessibility_violations(
    browser, demo_site, axe
):
    context = browser.new_context(bypass_csp=True)  # to inject axe; the site's scripts need none
    page = context.new_page()
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        for url in ("/", "/search/?q=balerina", "/search/?q=wick&type=films"):
            page.goto(demo_site + url)
            box = page.get_by_role("combobox", name="Search films, people and reviews")
            box.fill("wi")
            expect(page.get_by_role("listbox", name="Suggestions")).to_be_visible()
            box.press("ArrowDown")
            page.add_script_tag(path=str(axe))
            violations = page.evaluate(
                "async () => (await axe.run(document)).violations"
                ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
                ".map(v => `${v.id}: ${v.help} (${v.nodes.map(n => n.target).join(', ')})`)"
            )
            assert violations == [], f"{url} ({scheme}): {violations}"
    context.close()
