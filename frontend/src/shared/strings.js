// User-facing text lives in the Django templates (marked for translation) as
// <span data-string="key">…</span> elements; scripts only look it up.
export function readStrings(root) {
  const strings = {};
  root.querySelectorAll("[data-string]").forEach((element) => {
    strings[element.dataset.string] = element.textContent.trim();
  });
  return (key, values = {}) =>
    (strings[key] || key).replace(/\{(\w+)\}/g, (match, name) => (name in values ? String(values[name]) : match));
}
