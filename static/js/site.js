/* ProcusMeet site behaviour: CSRF for htmx, toasts, the phone menu, the account menu.
   Loaded from our own origin on every page; the CSP forbids inline scripts. */
(function () {
  "use strict";

  var TOAST_SECONDS = 8;

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }

  // htmx requests carry the CSRF token as a header, so hx-post works on any element.
  document.addEventListener("htmx:configRequest", function (event) {
    event.detail.headers["X-CSRFToken"] = csrfToken();
  });

  function dismiss(toast) {
    if (toast && toast.parentNode) {
      toast.parentNode.removeChild(toast);
    }
  }

  // Calm feedback: success and info toasts leave by themselves unless the pointer or
  // focus is on them; errors stay until dismissed.
  function scheduleDismiss(toast) {
    if (toast.classList.contains("toast--error") || toast.dataset.timer) {
      return;
    }
    toast.dataset.timer = "1";
    var timer = window.setTimeout(function () { dismiss(toast); }, TOAST_SECONDS * 1000);
    function hold() { window.clearTimeout(timer); }
    toast.addEventListener("mouseenter", hold);
    toast.addEventListener("focusin", hold);
  }

  function showToast(text, level) {
    var region = document.getElementById("toasts");
    if (!region) {
      return;
    }
    var toast = document.createElement("div");
    toast.className = "toast toast--" + level;
    toast.setAttribute("data-toast", "");
    var p = document.createElement("p");
    p.className = "toast__text";
    p.textContent = text;
    var close = document.createElement("button");
    close.type = "button";
    close.className = "toast__close";
    close.setAttribute("data-toast-dismiss", "");
    close.setAttribute("aria-label", region.dataset.dismissLabel || "Dismiss");
    close.innerHTML = '<span aria-hidden="true">\u00d7</span>';
    toast.appendChild(p);
    toast.appendChild(close);
    region.appendChild(toast);
  }

  function watchToasts() {
    var region = document.getElementById("toasts");
    if (!region) {
      return;
    }
    region.querySelectorAll("[data-toast]").forEach(scheduleDismiss);
    new MutationObserver(function () {
      region.querySelectorAll("[data-toast]").forEach(scheduleDismiss);
    }).observe(region, { childList: true });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-toast-dismiss]");
    if (button) {
      dismiss(button.closest("[data-toast]"));
    }
  });

  // A failed htmx request still tells the person what happened.
  document.addEventListener("htmx:responseError", function () {
    var region = document.getElementById("toasts");
    showToast((region && region.dataset.errorText) || "Something went wrong.", "error");
  });
  document.addEventListener("htmx:sendError", function () {
    var region = document.getElementById("toasts");
    showToast((region && region.dataset.offlineText) || "Could not reach the server.", "error");
  });

  function setUpNavToggle() {
    var toggle = document.querySelector(".nav-toggle");
    var header = document.querySelector(".site-header");
    if (!toggle || !header) {
      return;
    }
    toggle.hidden = false;
    header.classList.add("site-header--collapsible");
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", String(open));
      header.classList.toggle("site-header--open", open);
    });
  }

  function setUpAccountMenu() {
    var menu = document.querySelector("[data-account-menu]");
    if (!menu) {
      return;
    }
    document.addEventListener("click", function (event) {
      if (menu.open && !menu.contains(event.target)) {
        menu.open = false;
      }
    });
    menu.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && menu.open) {
        menu.open = false;
        menu.querySelector("summary").focus();
      }
    });
  }

  // Other scripts (live notifications) show their toasts the same way.
  window.ProcusMeet = window.ProcusMeet || {};
  window.ProcusMeet.showToast = showToast;

  function start() {
    watchToasts();
    setUpNavToggle();
    setUpAccountMenu();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
