"""The review importer in a real browser: the empty form with its example, a preview that fits
at 1280 px and at a phone's 390 px, a fact taken from the text, an edited headline."""

import pytest

from films.models import Film
from reviews.models import Review
from tests.conftest import restore_reference_data
from tests.factories import EditorFactory, FilmFactory
from tests.reviews.test_import import DOCUMENT

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

IMPORT_PATH = "/admin/reviews/review/import/"
PASSWORD = "a-long-editor-password"
# On file: a longer logline of the editor's own, another runtime and aspect ratio.
LOGLINE_ON_FILE = (
    "Years after a massacre in her childhood home, a dancer schooled by the Ruska Roma in "
    "both ballet and killing follows a tattooed trail across Europe to a village in the snow "
    "where everyone, even the baker, carries a weapon."
)


def overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def log_in(browser, live_server, **context_options):
    EditorFactory(username="nora", first_name="Nora", last_name="Ephron-Lane", password=PASSWORD)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, **context_options)
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill("nora")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(live_server.url + IMPORT_PATH)
    return page


@pytest.fixture
def editor_page(browser, live_server, django_db_serialized_rollback):
    restore_reference_data()
    page = log_in(browser, live_server)
    yield page
    page.context.close()


def test_the_empty_form_shows_the_layout_and_fits(editor_page, screenshot):
    page = editor_page
    example = page.locator(".house-style-example pre").inner_text()
    assert example.startswith("THE QUIET HARBOUR (2024)\n")
    assert "UK • IRELAND | 2024 | 104 MINUTES" in example
    assert overflow(page) <= 1280
    screenshot(page, "admin-review-import-empty-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    assert overflow(page) <= 390
    screenshot(page, "admin-review-import-empty-390")


def test_preview_fits_and_a_differing_fact_can_be_taken(editor_page, screenshot):
    page = editor_page
    film = FilmFactory(
        title="Ballerina",
        year=2025,
        logline=LOGLINE_ON_FILE,
        runtime_minutes=125,
        aspect_ratio="1.85:1",
    )
    page.locator("#id_text").fill(DOCUMENT)
    page.get_by_role("button", name="Preview").click()
    page.get_by_role("heading", name="Preview — nothing is saved until you confirm").wait_for()

    # One box per differing fact, none ticked: what is on file is kept unless chosen.
    boxes = page.locator("table.facts input[type=checkbox]")
    assert boxes.count() == 4  # logline, countries (US only on file), runtime, aspect ratio
    assert not any(boxes.nth(index).is_checked() for index in range(4))
    assert overflow(page) <= 1280
    screenshot(page, "admin-review-import-preview-1280")

    page.set_viewport_size({"width": 390, "height": 844})
    assert overflow(page) <= 390
    screenshot(page, "admin-review-import-preview-390")
    page.get_by_label("Take the new logline").check()  # usable at 390 px
    page.get_by_label("Headline").fill("A dancer with a flamethrower")
    assert page.get_by_label("Byline").input_value() == "Nora Ephron-Lane"
    page.get_by_role("button", name="Confirm import").click()
    page.locator(".messagelist .success").wait_for()

    film = Film.objects.get(pk=film.pk)
    assert film.logline.startswith("A dancer raised by assassins")  # taken
    assert (film.runtime_minutes, film.aspect_ratio) == (125, "1.85:1")  # kept
    assert [country.code for country in film.ordered_countries] == ["US"]
    review = Review.objects.get()
    assert (review.headline, review.byline) == ("A dancer with a flamethrower", "Nora Ephron-Lane")
    assert review.status == Review.Status.DRAFT


def test_every_bad_line_is_listed_and_the_page_fits(editor_page, screenshot):
    page = editor_page
    text = (
        DOCUMENT.replace("BALLERINA (2025)", "BALLERINA 2025")
        .replace("| 2.39:1 |", "| 2.39 |")
        .replace("director: Len Wiseman.", "directed by Len Wiseman.")
    )
    page.locator("#id_text").fill(text)
    page.get_by_role("button", name="Preview").click()
    lines = page.locator(".bad-lines > li > strong")
    lines.first.wait_for()
    assert lines.all_inner_texts() == ["Line 1", "Line 9", "Line 10"]
    assert overflow(page) <= 1280
    screenshot(page, "admin-review-import-errors-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    assert overflow(page) <= 390
    screenshot(page, "admin-review-import-errors-390")
    assert Film.objects.count() == 0


def test_the_preview_has_no_serious_accessibility_violations(
    browser, live_server, django_db_serialized_rollback, axe
):
    restore_reference_data()
    FilmFactory(title="Ballerina", year=2025, runtime_minutes=125)
    # The page's own content: the admin's header and breadcrumbs are the admin's.
    # axe is injected as an inline script, which our Content-Security-Policy rightly blocks.
    page = log_in(browser, live_server, bypass_csp=True)
    page.locator("#id_text").fill(DOCUMENT)
    page.get_by_role("button", name="Preview").click()
    page.locator("table.facts input[type=checkbox]").first.wait_for()
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        page.add_script_tag(path=str(axe))
        violations = page.evaluate(
            "async () => (await axe.run('#content-main')).violations"
            ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
            ".map(v => `${v.id}: ${v.help} (${v.nodes.map(n => n.target).join(', ')})`)"
        )
        assert violations == [], f"{scheme}: {violations}"
    page.context.close()
