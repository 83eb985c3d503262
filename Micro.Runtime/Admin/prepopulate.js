// Django's prepopulated_fields: each field named in the script's data-fields is filled, as the fields it comes from are typed, with
// their values joined and made a slug (Django's URLify), until the user edits it. A field that holds a value when the page opens is
// left alone, so a saved slug (and the address made from it) doesn't change when its title does. An inline's fields are listed
// per row; those of its empty form (ids with __prefix__) are set up for each row "Add another" adds.
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

  const listed = JSON.parse(fields.dataset.fields);
  const bind = (field) => {
    const target = document.getElementById(field.id);
    const sources = field.from.map((id) => document.getElementById(id)).filter((source) => source);
    if (!target || target.value) {
      return;
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
  };

  const start = () => {
    for (const field of listed.filter((entry) => !entry.id.includes("__prefix__"))) {
      bind(field);
    }
  };

  // A row "Add another" adds: the empty form's fields, with the row's number for __prefix__.
  document.addEventListener("formset:added", (event) => {
    const { formsetName, index } = event.detail;
    const template = `id_${formsetName}-__prefix__-`;
    const row = (id) => id.replace("__prefix__", String(index));
    for (const field of listed.filter((entry) => entry.id.startsWith(template))) {
      bind({ ...field, id: row(field.id), from: field.from.map(row) });
    }
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
