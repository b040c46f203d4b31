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
from reviews.importer.house_style import HouseStyleError
from reviews.importer.services import (
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
            context["line_errors"] = error.errors
        else:
            confirming = "confirm" in request.POST
            if confirming and form.cleaned_data["previewed"] != digest(text):
                messages.warning(request, "The text changed after the preview: check it again.")
                confirming = False
            people_form = PeopleChoiceForm(plan, request.POST if confirming else None)
            same_as_form = SameAsForm(plan, request.POST if confirming else None)
            # Both checked, so every error shows at once.
            if confirming and all([people_form.is_valid(), same_as_form.is_valid()]):
                try:
                    result = import_review(
                        text=text,
                        author=request.user,
                        person_choices=people_form.choices(),
                        same_as=same_as_form.choices(),
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
                else:
                    messages.success(request, _saved_message(result))
                    return redirect(reverse("admin:reviews_review_change", args=[result.review.pk]))
            context.update(
                plan=plan,
                people_form=people_form,
                same_as_form=same_as_form,
                body_html=render_markdown(plan.body),
                previewed=digest(text),
            )
    return TemplateResponse(request, "admin/reviews/review/import.html", context)


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
        "the review as a draft" if result.review_created else "",
        _to_check(result.names_created),
    ]
    saved = ", ".join(part for part in parts if part)
    if not result.review_created:
        return f"This review was imported before; saved {saved or 'nothing new'}."
    return f"Imported: saved {saved}."


def _to_check(created) -> str:
    """New countries and languages, which an editor should check."""
    if not created:
        return ""
    names = ", ".join(f"{item} ({item._meta.verbose_name} {item.code})" for item in created)
    return f"{names}, new: check them in the admin"
