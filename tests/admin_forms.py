"""Admin change forms as a browser sends them back, for tests that post them."""

import html5lib


def submitted(page, **typed) -> dict[str, list[str]]:
    """What a browser sends from the change form on ``page``, with ``typed`` typed over it."""
    document = html5lib.parse(page.content.decode(), namespaceHTMLElements=False)
    form = next(form for form in document.iter("form") if form.get("id", "").endswith("_form"))
    data: dict[str, list[str]] = {}
    for element in form.iter():
        name = element.get("name")
        if not name or element.get("disabled") is not None:
            continue
        if element.tag == "input":
            kind = element.get("type", "text")
            if kind in {"submit", "button", "file", "image", "reset"}:
                continue
            if kind in {"checkbox", "radio"}:
                if element.get("checked") is not None:
                    data.setdefault(name, []).append(element.get("value", "on"))
                continue
            data.setdefault(name, []).append(element.get("value", ""))
        elif element.tag == "textarea":
            data[name] = [element.text or ""]
        elif element.tag == "select":
            options = list(element.iter("option"))
            chosen = [option for option in options if option.get("selected") is not None]
            if not chosen and element.get("multiple") is None and options:
                chosen = options[:1]
            data[name] = [option.get("value", option.text or "") for option in chosen]
    for name, value in typed.items():
        data[name] = [str(value)]
    return data
