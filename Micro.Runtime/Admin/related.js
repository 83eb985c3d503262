// Django's lookup popup for raw id fields (RelatedObjectLookups.js): "Lookup" beside a key's box opens the target's list in a
// popup window named after the box; there, a row's link puts its key in that box and closes the popup. Without this script
// "Lookup" opens the list in a new tab, to read a key from.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  for (const link of document.querySelectorAll("a.related-lookup[id^='lookup_']")) {
    link.addEventListener("click", (event) => {
      const url = new URL(link.href, window.location.href);
      url.searchParams.set("_popup", "1");
      const popup = window.open(url, link.id.slice("lookup_".length), "height=500,width=800,resizable=yes,scrollbars=yes");
      if (popup) {
        event.preventDefault();
        popup.focus();
      }
    });
  }

  for (const link of document.querySelectorAll("a[data-popup-opener]")) {
    link.addEventListener("click", (event) => {
      let box = null;
      try {
        // The opener's page, only when it is the site's own (another site's is out of reach) and the window's name is a box's id.
        box = /^id_[\w-]+$/.test(window.name) ? window.opener?.document.getElementById(window.name) : null;
      } catch {
        box = null;
      }

      if (box?.tagName !== "INPUT") {
        return; // Not opened by a key's "Lookup": the link goes to the row, as in the list.
      }

      event.preventDefault();
      box.value = link.dataset.popupOpener;
      box.dispatchEvent(new Event("change", { bubbles: true }));
      window.close();
    });
  }
});
