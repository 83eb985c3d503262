// Django's "Add another" for the admin's inlines: copies an inline's empty form (its <template>, whose fields are named with
// __prefix__) as the next form, and raises the management form's TOTAL_FORMS; the link hides at MAX_NUM_FORMS. The new row then
// gets Django's "formset:added" event (detail: formsetName, index), so the other scripts set up its fields. Without this script
// the link stays hidden and saving gives the inline its empty forms again.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  for (const group of document.querySelectorAll(".inline-group[data-prefix]")) {
    const prefix = group.dataset.prefix;
    const total = document.getElementById(`id_${prefix}-TOTAL_FORMS`);
    const max = document.getElementById(`id_${prefix}-MAX_NUM_FORMS`);
    const template = group.querySelector("template.empty-form");
    const add = group.querySelector(".add-row");
    if (!total || !max || !template || !add) {
      continue;
    }

    const update = () => { add.hidden = Number(total.value) >= Number(max.value); };
    add.querySelector("a").addEventListener("click", (event) => {
      event.preventDefault();
      const index = Number(total.value);
      add.insertAdjacentHTML("beforebegin", template.innerHTML.replaceAll("__prefix__", String(index)).replaceAll("__num__", String(index + 1)));
      group.querySelector(".no-rows")?.remove();
      total.value = String(index + 1);
      update();
      document.getElementById(`${prefix}-${index}`)?.dispatchEvent(
        new CustomEvent("formset:added", { bubbles: true, detail: { formsetName: prefix, index } }));
    });
    update();
  }
});
