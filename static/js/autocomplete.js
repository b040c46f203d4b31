/*
 * Suggestions under the header search box: films (with their year) and people, from
 * /search/suggest/?q=. An enhancement of the plain search form, which works without it.
 *
 * The ARIA 1.2 combobox pattern: the input keeps focus and points at the highlighted option
 * with aria-activedescendant. Down and Up move through the options, Enter opens the highlighted
 * one (or submits the search as usual when none is), Escape closes the list. A polite live
 * region says how many suggestions there are. No inline script or style anywhere, so a strict
 * Content-Security-Policy needs nothing added.
 */
(() => {
  "use strict";

  const MIN_LENGTH = 2;
  const DELAY_MS = 120;

  function setUp(input) {
    const form = input.form;
    const endpoint = input.dataset.suggestUrl;
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

    form.classList.add("has-suggestions");
    form.append(list, status);
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
          option.append(label, " ", meta);
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
      if (suggestion) {
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
        const url = `${endpoint}?${new URLSearchParams({ q: query })}`;
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

  const input = document.getElementById("site-search");
  if (input?.dataset.suggestUrl && input.form && window.fetch) {
    setUp(input);
  }
})();
