// Django's related-object popups (RelatedObjectLookups.js). A popup window is named after the field of the page that opened it
// (id_writer), and only writes back into that page when the page is the site's own (another site's is out of reach).
// - "Lookup" beside a raw id box opens the target's list in a popup; there a row's link puts its key in the box.
// - "+" beside a reference's select opens the target's add page in a popup; once saved, the new row is chosen in the select.
// - The pencil beside it opens the chosen row's change page in a popup; once saved, the select shows the row's new name.
// Without this script, "Lookup" opens the list in a new tab, and "+" and the pencil stay hidden.
"use strict";

/** The opener's element for this popup, when the popup was opened for one of its fields; null otherwise. */
function openerField(tagName) {
  try {
    const field = /^id_[\w-]+$/.test(window.name) ? window.opener?.document.getElementById(window.name) : null;
    return field?.tagName === tagName ? field : null;
  } catch {
    return null;
  }
}

function openPopup(link, event, prefix) {
  const url = new URL(link.href, window.location.href);
  url.searchParams.set("_popup", "1");
  const popup = window.open(url, link.id.slice(prefix.length), "height=500,width=800,resizable=yes,scrollbars=yes");
  if (popup) {
    event.preventDefault();
    popup.focus();
  }
}

// Lookups are found when clicked, so the rows an inline's "Add another" adds have theirs too.
document.addEventListener("click", (event) => {
  const link = event.target instanceof Element ? event.target.closest("a.related-lookup[id^='lookup_']") : null;
  if (link) {
    openPopup(link, event, "lookup_");
  }
});

document.addEventListener("DOMContentLoaded", () => {

  for (const link of document.querySelectorAll("a.add-related[id^='add_']")) {
    link.hidden = false;
    link.addEventListener("click", (event) => openPopup(link, event, "add_"));
  }

  for (const link of document.querySelectorAll("a[data-popup-opener]")) {
    link.addEventListener("click", (event) => {
      const box = openerField("INPUT");
      if (!box) {
        return; // Not opened by a key's "Lookup": the link goes to the row, as in the list.
      }

      event.preventDefault();
      box.value = link.dataset.popupOpener;
      box.dispatchEvent(new Event("change", { bubbles: true }));
      window.close();
    });
  }

  for (const link of document.querySelectorAll("a.change-related[id^='change_'][data-href-template]")) {
    const select = document.getElementById(link.id.slice("change_".length));
    const follow = () => {
      const value = select?.value ?? "";
      link.hidden = value === "";
      link.href = link.dataset.hrefTemplate.replace("__fk__", encodeURIComponent(value));
    };
    select?.addEventListener("change", follow);
    follow();
    link.addEventListener("click", (event) => openPopup(link, event, "change_"));
  }

  const response = document.getElementById("popup-response");
  const select = response ? openerField("SELECT") : null;
  if (select) {
    const { action, value, label } = response.dataset;
    const shown = [...select.options].find((option) => option.value === value);
    if (action === "change" && shown) {
      shown.text = label;
    } else if (action === "add") {
      select.add(new Option(label, value, true, true));
      select.dispatchEvent(new Event("change", { bubbles: true }));
    }

    window.close();
  }
});
