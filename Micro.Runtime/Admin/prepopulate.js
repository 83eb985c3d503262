// Django's prepopulated_fields: each field named in the script's data-fields is filled, as the fields it comes from are typed, with
// their values joined and made a slug (Django's URLify), until the user edits it. A field that holds a value when the page opens is
// left alone, so a saved slug (and the address made from it) doesn't change when its title does.
"use strict";
(() => {
  const fields = document.getElementById("prepopulated-fields");
  if (!fields) {
    return;
  }

  // Letters that lose their accent by Unicode decomposition need nothing here; these are letters of their own.
  const letters = { "ß": "ss", "æ": "ae", "ø": "o", "đ": "d", "ð": "d", "ł": "l", "þ": "th", "œ": "oe", "ı": "i" };
  const urlify = (text, maxLength) => text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[ßæøđðłþœı]/g, (letter) => letters[letter])
    .replace(/[^-\w\s]/g, "")
    .trim()
    .replace(/[-\s]+/g, "-")
    .substring(0, maxLength)
    .replace(/-+$/, "");

  const start = () => {
    for (const field of JSON.parse(fields.dataset.fields)) {
      const target = document.getElementById(field.id);
      const sources = field.from.map((id) => document.getElementById(id)).filter((source) => source);
      if (!target || target.value) {
        continue;
      }

      let edited = false;
      target.addEventListener("change", () => { edited = true; });
      const fill = () => {
        if (!edited) {
          target.value = urlify(sources.map((source) => source.value).filter((value) => value.length > 0).join(" "), field.maxLength);
        }
      };
      for (const source of sources) {
        for (const type of ["input", "change", "focus"]) {
          source.addEventListener(type, fill);
        }
      }
    }
  };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
