"""Header search suggestions in a real browser: shown as the reader types, chosen with the
keyboard, announced to screen readers; and the plain search without JavaScript."""

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


def test_search_works_without_javascript(browser, demo_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(demo_site + "/")
    box = page.get_by_role("searchbox", name="Search films, people and reviews").first
    box.fill("amelie fabuleux")
    page.get_by_role("button", name="Search").first.click()
    assert "/search/?q=amelie+fabuleux" in page.url
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
