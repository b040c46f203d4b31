"""The admin's "Import a review" page: paste, preview, confirm. A thin shell over
``reviews.importer.services``; ``ReviewAdmin.get_urls`` mounts it."""

import hashlib
import logging

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from core.markdown import render_markdown
from reviews.importer.house_style import HouseStyleError, LineError
from reviews.importer.services import (
    MAX_BYLINE,
    MAX_HEADLINE,
    NEW_PERSON,
    ImportPlan,
    ImportRefused,
    import_review,
    plan_import,
)
from reviews.models import Review

# The import makes films, people and credits as well as the review.
IMPORT_PERMISSIONS = (
    "reviews.add_review",
    "films.add_film",
    "films.change_film",
    "films.add_credit",
    "people.add_person",
)
MAX_TEXT = 100_000
SHOWN_LINE = 160  # characters of a bad line shown beside what is wrong with it
# The layout, shown on the empty form: a made-up film, people and review.
EXAMPLE = """\
THE QUIET HARBOUR (2024)
A retired ferry captain makes one last crossing to deliver a stranger's letter.
The Quiet Harbour moves at the pace of its tides, and that is most of its charm.
Every scene on the water is shot as if the sea were a second lead.
Its last ten minutes land a turn that the first ninety have quietly earned.
UK • IRELAND | 2024 | 104 MINUTES | 1.85:1 | COLOUR | ENGLISH • IRISH
director: Maeve Donnelly.
writer: Tom Ashby (based on the novel by Ruth Kerrigan).
starring: Ciarán Walsh, Edie Marlowe & Sam Okafor."""

logger = logging.getLogger(__name__)


def can_import(user) -> bool:
    return user.is_active and user.is_staff and user.has_perms(IMPORT_PERMISSIONS)


def digest(text: str) -> str:
    """Names the text a preview showed, so a confirm saves only what the editor saw."""
    return hashlib.sha256("\n".join(text.splitlines()).encode()).hexdigest()


class ImportForm(forms.Form):
    text = forms.CharField(
        label="The review, as written",
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 24, "cols": 100, "spellcheck": "false"}),
        help_text="Title line, logline, the review, then the facts and credits.",
    )
    previewed = forms.CharField(widget=forms.HiddenInput, required=False)


class ReviewFieldsForm(forms.Form):
    """What the import writes on the review besides the text: proposed, and editable."""

    headline = forms.CharField(
        max_length=MAX_HEADLINE,
        help_text="The review's first sentence; change it as you like.",
        error_messages={"required": "Give the review a headline."},
    )
    byline = forms.CharField(
        max_length=MAX_BYLINE,
        help_text="The name printed on the review.",
        error_messages={"required": "Give the name to print on the review."},
    )


class TakeFactsForm(forms.Form):
    """A box for each fact the film holds another value of: left empty, the film's is kept;
    ticked, the text's replaces it."""

    def __init__(self, plan: ImportPlan, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for fact in plan.differing_facts:
            self.fields[f"take-{fact.key}"] = forms.BooleanField(
                label=f"Take the new {fact.label.lower()}", required=False
            )

    def rows(self, plan: ImportPlan) -> list:
        """Each fact with its box, or None where it does not differ."""
        return [(fact, self[f"take-{fact.key}"] if fact.differs else None) for fact in plan.facts]

    def chosen(self) -> set[str]:
        return {name.removeprefix("take-") for name, take in self.cleaned_data.items() if take}


class PeopleChoiceForm(forms.Form):
    """One choice for each name that several people share."""

    def __init__(self, plan: ImportPlan, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.names = {}
        for index, match in enumerate(plan.choosable_people):
            name = f"person-{index}"
            self.names[name] = match.name
            self.fields[name] = forms.ChoiceField(
                label=match.name,
                widget=forms.RadioSelect,
                choices=[
                    *((p.slug, f"{p.name} ({p.slug})") for p in match.candidates),
                    (NEW_PERSON, "Someone else: a new person"),
                ],
                error_messages={"required": f"Choose who “{match.name}” is."},
            )

    def choices(self) -> dict[str, str]:
        return {self.names[name]: slug for name, slug in self.cleaned_data.items()}


class SameAsForm(forms.Form):
    """For each country or language nothing knew: empty to make it, or an existing one's code."""

    def __init__(self, plan: ImportPlan, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.names = {}
        for index, item in enumerate(plan.new_names):
            name = f"same-as-{index}"
            kind = item._meta.verbose_name
            self.names[name] = (item.name, type(item))
            self.fields[name] = forms.CharField(
                label=f"{item.name} ({kind})",
                required=False,
                max_length=4,
                help_text=f"Empty: a new {kind}, marked for an editor to check. Or the code of "
                f"the {kind} it is ({'e.g. CSHH' if kind == 'country' else 'e.g. yue'}).",
            )

    def clean(self):
        for name, (_name, model) in self.names.items():
            code = self.cleaned_data.get(name, "").strip()
            if code and not model.objects.filter(code=code).exists():
                kind = model._meta.verbose_name
                self.add_error(name, f"There is no {kind} with the code “{code}”.")
        return self.cleaned_data

    def choices(self) -> dict[str, str]:
        return {
            self.names[name][0]: code.strip()
            for name, code in self.cleaned_data.items()
            if code.strip()
        }


def import_view(request, *, model_admin):
    if not can_import(request.user):
        raise PermissionDenied
    if request.method == "POST" and "cancel" in request.POST:
        messages.info(request, "Import cancelled: nothing was saved.")
        return redirect("admin:reviews_review_changelist")

    form = ImportForm(request.POST if request.method == "POST" else None)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Review._meta,
        "title": "Import a review",
        "form": form,
    }
    if form.is_valid():
        text = form.cleaned_data["text"]
        try:
            plan = plan_import(text)
        except HouseStyleError as error:
            context["bad_lines"] = bad_lines(text, error.errors)
        else:
            # The editor's choices carry over a second preview of the same text.
            same_text = form.cleaned_data["previewed"] == digest(text)
            confirming = "confirm" in request.POST
            if confirming and not same_text:
                messages.warning(request, "The text changed after the preview: check it again.")
                confirming = False
            people_form = PeopleChoiceForm(plan, request.POST if confirming else None)
            same_as_form = SameAsForm(plan, request.POST if confirming else None)
            facts_form = TakeFactsForm(plan, request.POST if same_text else None)
            review_form = None
            if plan.existing_review is None:
                review_form = ReviewFieldsForm(
                    request.POST if same_text else None,
                    initial={"headline": plan.headline, "byline": request.user.get_full_name()},
                )
            # Every form checked (not all() of a generator), so every error shows at once.
            choice_forms = [people_form, same_as_form, facts_form, review_form]
            valid = confirming and [f.is_valid() for f in choice_forms if f is not None]
            if valid and all(valid):
                review_fields = review_form.cleaned_data if review_form else {}
                try:
                    result = import_review(
                        text=text,
                        author=request.user,
                        person_choices=people_form.choices(),
                        same_as=same_as_form.choices(),
                        take_facts=facts_form.chosen(),
                        headline=review_fields.get("headline"),
                        byline=review_fields.get("byline"),
                    )
                except (HouseStyleError, ImportRefused) as error:
                    context["import_error"] = str(error)
                except IntegrityError as error:
                    # Another editor saved the same film, person or review at that moment (in
                    # the admin: imports wait for each other). Nothing was saved: show the plan
                    # as it stands now.
                    logger.warning("Import clashed with another write: %s", error)
                    plan = plan_import(text)
                    context["import_error"] = _saved_meanwhile(plan)
                    people_form = PeopleChoiceForm(plan)
                    same_as_form = SameAsForm(plan)
                    facts_form = TakeFactsForm(plan)
                else:
                    messages.success(request, _saved_message(result))
                    return redirect(reverse("admin:reviews_review_change", args=[result.review.pk]))
            context.update(
                plan=plan,
                people_form=people_form,
                same_as_form=same_as_form,
                fact_rows=facts_form.rows(plan),
                review_form=review_form if plan.existing_review is None else None,
                body_html=render_markdown(plan.body),
                previewed=digest(text),
            )
    if "plan" not in context:
        context["example"] = EXAMPLE
    return TemplateResponse(request, "admin/reviews/review/import.html", context)


def bad_lines(text: str, errors: list[LineError]) -> list[dict]:
    """Each line with a fault: its number, its text (shortened) and everything wrong with it."""
    lines = text.removeprefix("\ufeff").splitlines()
    by_number: dict[int, list[str]] = {}
    for error in errors:
        by_number.setdefault(error.number, []).append(error.message)
    shown = []
    for number, problems in sorted(by_number.items()):
        line = lines[number - 1].strip() if number <= len(lines) else ""
        if len(line) > SHOWN_LINE:
            line = line[: SHOWN_LINE - 1].rstrip() + "…"
        shown.append({"number": number, "text": line, "problems": problems})
    return shown


def _saved_meanwhile(plan: ImportPlan) -> str:
    if plan.existing_review:
        saved = f"this review of {plan.film}"
    elif plan.film:
        saved = f"the film {plan.film}"
    else:
        saved = "some of these people or credits"
    return f"someone else saved {saved} a moment ago; check the preview below and confirm again."


def _saved_message(result) -> str:
    parts = [
        f"the film {result.film}" if result.film_created else "",
        f"{len(result.people_created)} new person(s)" if result.people_created else "",
        f"{len(result.credits_created)} credit(s)" if result.credits_created else "",
        f"the film's {_listed(result.facts_taken).lower()} from the text"
        if result.facts_taken
        else "",
        "the review as a draft" if result.review_created else "",
        _to_check(result.names_created),
    ]
    saved = ", ".join(part for part in parts if part)
    if not result.review_created:
        return f"This review was imported before; saved {saved or 'nothing new'}."
    return f"Imported: saved {saved}."


def _listed(words: list[str]) -> str:
    return " and ".join(filter(None, [", ".join(words[:-1]), words[-1]]))


def _to_check(created) -> str:
    """New countries and languages, which an editor should check."""
    if not created:
        return ""
    names = ", ".join(f"{item} ({item._meta.verbose_name} {item.code})" for item in created)
    return f"{names}, new: check them in the admin"
