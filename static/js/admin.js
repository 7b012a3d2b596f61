// Django admin, where axe-core finds it falls short (loaded by templates/admin/base_site.html).
//
// The two-list pickers (filter_horizontal: groups, permissions) label their filter boxes
// with an empty <span aria-label="…">; a plain span may not carry a name (axe:
// aria-prohibited-attr). As an image, the name is allowed and becomes the filter box's
// label. The pickers are built after the page loads (and again for new inline rows),
// so watch for them.
(function () {
  "use strict";

  function nameTheIcons(root) {
    root.querySelectorAll(".search-label-icon[aria-label]:not([role])").forEach(function (icon) {
      icon.setAttribute("role", "img");
    });
  }

  function start() {
    nameTheIcons(document);
    new MutationObserver(function () {
      nameTheIcons(document);
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
