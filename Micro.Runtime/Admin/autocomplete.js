// Django's autocomplete_fields without Select2: each search box (hidden until this script runs) asks admin/autocomplete/ for the
// rows its words find and offers them in the select beside it, keeping the row chosen and the empty choice. When a search finds
// more rows than one answer holds, a last, disabled option says so. The rows an inline's "Add another" adds get theirs too.
"use strict";
(() => {
  const bind = (search) => {
    const select = document.getElementById(search.dataset.for);
    if (!select) {
      return;
    }

    let asked = 0;
    const find = async () => {
      const ask = ++asked;
      const response = await fetch(`${search.dataset.url}&term=${encodeURIComponent(search.value.trim())}`, {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      if (!response.ok || ask !== asked) {
        return; // A later search was asked for: its answer fills the select.
      }

      const { results, pagination } = await response.json();
      const kept = [...select.options].filter((option) => option.selected || (option.value === "" && !option.disabled));
      select.replaceChildren(...kept);
      for (const row of results) {
        if (!kept.some((option) => option.value === row.id)) {
          select.add(new Option(row.text, row.id));
        }
      }

      if (pagination.more) {
        const more = new Option("More rows match: type more of the name", "");
        more.disabled = true;
        select.add(more);
      }
    };

    search.hidden = false;
    search.addEventListener("input", find);
    search.addEventListener("focus", find, { once: true });
  };

  const bindAll = (root) => {
    for (const search of root.querySelectorAll("input.autocomplete-search[data-url][data-for]")) {
      bind(search);
    }
  };

  document.addEventListener("formset:added", (event) => bindAll(event.target));
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", () => bindAll(document));
  } else {
    bindAll(document);
  }
})();
