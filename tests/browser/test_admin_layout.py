"""The admin at a laptop's width: branded Marquee, and no page wider than a 1280 px window,
nor a table that hides columns in a scroll box of its own."""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.factories import EditorFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Boxes that scroll sideways, or clip, with more than they show. Select2 cuts a long name
# short with an ellipsis, on purpose; visually hidden text is 1 px wide by design.
SIDEWAYS_SCROLLERS = """() => [...document.querySelectorAll("*")].filter((element) => {
    const overflow = getComputedStyle(element).overflowX;
    return ["auto", "scroll", "hidden"].includes(overflow)
        && element.clientWidth > 2 && element.scrollWidth > element.clientWidth + 1
        && !element.matches(".select2-selection__rendered");
}).map((element) => `${element.tagName}.${element.className}`)"""


def log_in(page, base_url: str) -> None:
    EditorFactory(username="nora", password="a-long-editor-password")
    page.goto(base_url + "/admin/")
    page.get_by_label("Username").fill("nora")
    page.get_by_label("Password").fill("a-long-editor-password")
    page.get_by_role("button", name="Log in").click()


def admin_pages(user) -> list[str]:
    """The index, and every change list, add form and change form the editor may open."""
    request = type("Request", (), {"user": user})()
    urls = [reverse("admin:index")]
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        if not model_admin.has_view_permission(request):
            continue
        urls.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
        if model_admin.has_add_permission(request):
            urls.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
        # The object with the most rows of inlines is the widest: the first film with credits.
        obj = model._default_manager.order_by("pk").first()
        if hasattr(model, "credits"):
            obj = model._default_manager.filter(credits__isnull=False).order_by("pk").first()
        if obj is not None:
            urls.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]))
    return urls


def test_no_admin_page_is_wider_than_a_laptop(demo_site, page, screenshot):
    from django.contrib.auth import get_user_model

    log_in(page, demo_site)
    editor = get_user_model().objects.get(username="nora")
    urls = admin_pages(editor)
    assert any("/films/film/" in url and url.endswith("/change/") for url in urls)
    assert any("/reviews/review/" in url for url in urls)
    too_wide = {}
    for url in urls:
        response = page.goto(demo_site + url)
        assert response.status == 200, url
        assert page.locator("#site-name").inner_text() == "Marquee", url
        width = page.evaluate("document.documentElement.scrollWidth")
        scrollers = page.evaluate(SIDEWAYS_SCROLLERS)
        if width > 1280 or scrollers:
            too_wide[url] = (width, scrollers)
            screenshot(page, "admin-too-wide-" + url.strip("/").replace("/", "-"))
    assert too_wide == {}


def test_the_admin_is_branded_marquee(demo_site, page):
    log_in(page, demo_site)
    assert page.locator("#site-name").inner_text() == "Marquee"
    assert page.title() == "The editors' desk | Marquee"
    assert "Django" not in page.locator("#header").inner_text()
