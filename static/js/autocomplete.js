/*
 * Suggestions under the header search box: films (with their year) and people, from
 * /search/suggest/?q=. An enhancement of the plain search form, which works without it.
 * Every input with data-suggest-url gets them: the header box, the film list's director.
 *
 * The ARIA 1.2 combobox pattern: the input keeps focus and points at the highlighted option
 * with aria-activedescendant. Down and Up move through the options, Enter opens the highlighted
 * one (or submits the search as usual when none is), Escape closes the list. A polite live
 * region says how many suggestions there are. No inline script or style anywhere, so a strict
 * Content-Security-Policy needs nothing added.
 *
 * Each suggestion shows a small poster or headshot (its "image": url, width and height), or a
 * person's initials when there is none. Decorative, as the label names it (alt="", and the
 * initials aria-hidden). Built with DOM properties only, never markup, and sized by the
 * stylesheet, so nothing moves as the images load.
 */
(() => {
  "use strict";

  const MIN_LENGTH = 2;
  const DELAY_MS = 120;

  function initials(name) {
    const words = name.split(/\s+/).filter((word) => /^[\p{L}\p{N}]/u.test(word));
    const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words;
    return letters.map((word) => Array.from(word)[0].toUpperCase()).join("");
  }

  function thumbnail(suggestion) {
    const kind = suggestion.kind === "film" ? "suggestion-film" : "suggestion-person";
    const image = suggestion.image;
    if (!image) {
      const placeholder = document.createElement("span");
      placeholder.className = `suggestion-image suggestion-initials ${kind}`;
      placeholder.setAttribute("aria-hidden", "true");
      placeholder.textContent = initials(suggestion.label);
      return placeholder;
    }
    const img = document.createElement("img");
    img.className = `suggestion-image ${kind}`;
    img.alt = "";
    if (image.width && image.height) {
      img.width = image.width;
      img.height = image.height;
    }
    img.decoding = "async";
    img.src = image.url;
    return img;
  }

  function setUp(input) {
    const endpoint = input.dataset.suggestUrl;
    // data-suggest-type="people" asks for people only; data-suggest-choose="fill" puts the
    // chosen name in the box (a filter field) instead of opening its page.
    const type = input.dataset.suggestType;
    const fills = input.dataset.suggestChoose === "fill";
    const box = input.parentElement;
    const listId = `${input.id}-suggestions`;
    const cache = new Map();
    let suggestions = [];
    let active = -1;
    let timer = null;
    let inFlight = null;

    const list = document.createElement("ul");
    list.id = listId;
    list.className = "suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Suggestions");
    list.hidden = true;

    const status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");

    box.classList.add("has-suggestions");
    box.append(list, status);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      active = index;
      Array.from(list.children).forEach((option, position) => {
        option.setAttribute("aria-selected", String(position === index));
      });
      if (index < 0) {
        input.removeAttribute("aria-activedescendant");
        return;
      }
      const option = list.children[index];
      input.setAttribute("aria-activedescendant", option.id);
      option.scrollIntoView({ block: "nearest" });
    }

    function show(query, found) {
      if (query !== input.value.trim()) {
        return; // an answer to something the reader has since changed
      }
      suggestions = found;
      list.replaceChildren(
        ...found.map((suggestion, index) => {
          const option = document.createElement("li");
          option.id = `${listId}-${index}`;
          option.setAttribute("role", "option");
          option.setAttribute("aria-selected", "false");
          const label = document.createElement("span");
          label.className = "suggestion-label";
          label.textContent = suggestion.label;
          const meta = document.createElement("span");
          meta.className = "suggestion-meta";
          meta.textContent = suggestion.kind === "film" ? `Film, ${suggestion.year}` : "Person";
          option.append(thumbnail(suggestion), label, " ", meta);
          option.addEventListener("mousedown", (event) => event.preventDefault());
          option.addEventListener("click", () => go(index));
          return option;
        }),
      );
      active = -1;
      input.removeAttribute("aria-activedescendant");
      if (found.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        status.textContent =
          `${found.length} suggestion${found.length === 1 ? "" : "s"}; ` +
          "use the up and down arrows to choose.";
      } else {
        close();
        status.textContent = "No suggestions.";
      }
    }

    function go(index) {
      const suggestion = suggestions[index];
      if (suggestion && fills) {
        input.value = suggestion.label;
        close();
      } else if (suggestion) {
        window.location.assign(suggestion.url);
      }
    }

    async function fetchSuggestions(query) {
      if (cache.has(query)) {
        show(query, cache.get(query));
        return;
      }
      inFlight?.abort();
      inFlight = new AbortController();
      try {
        const url = `${endpoint}?${new URLSearchParams(type ? { q: query, type } : { q: query })}`;
        const response = await fetch(url, {
          headers: { Accept: "application/json" },
          signal: inFlight.signal,
        });
        if (!response.ok) {
          return;
        }
        const found = (await response.json()).suggestions;
        cache.set(query, found);
        show(query, found);
      } catch (error) {
        if (error.name !== "AbortError") {
          close(); // the plain search still works
        }
      }
    }

    input.addEventListener("input", () => {
      clearTimeout(timer);
      const query = input.value.trim();
      if (query.length < MIN_LENGTH) {
        inFlight?.abort();
        suggestions = [];
        close();
        status.textContent = "";
        return;
      }
      timer = setTimeout(() => fetchSuggestions(query), cache.has(query) ? 0 : DELAY_MS);
    });

    input.addEventListener("keydown", (event) => {
      const count = suggestions.length;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!count) {
          return;
        }
        event.preventDefault();
        if (list.hidden) {
          list.hidden = false;
          input.setAttribute("aria-expanded", "true");
        }
        const step = event.key === "ArrowDown" ? 1 : -1;
        const start = active < 0 && step < 0 ? count : active;
        highlight((start + step + count) % count);
      } else if (event.key === "Enter") {
        if (!list.hidden && active >= 0) {
          event.preventDefault();
          go(active);
        }
      } else if (event.key === "Escape") {
        if (!list.hidden) {
          event.preventDefault();
          close();
        }
      }
    });

    input.addEventListener("blur", close);
  }

  for (const input of document.querySelectorAll("input[data-suggest-url]")) {
    if (input.id && input.form && window.fetch) {
      setUp(input);
    }
  }
})();
