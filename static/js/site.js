/* ProcusMeet site behaviour: CSRF for htmx, toasts, the phone menu, the account menu,
   and the helpers other scripts share (window.ProcusMeet).
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

  // An htmx swap that replaces the focused element (a calendar day, a page of results,
  // a row's Edit button) drops focus to <body>, and the next Tab starts over at the top
  // of the page. Keep keyboard users where they were: on what the trigger names in
  // data-then-focus (a selector; such a trigger always moves focus there), else on the
  // new content itself. Each note is tied to its request (its xhr): a second request
  // set off by the first answer (the availability preview) must not wipe it out.
  var focusAfterSwap = null;
  // hx-disabled-elt disables the button just pressed, and a disabled button hands focus
  // to <body> while the request is out: remember where focus was when it left.
  var focusAtRequest = null;

  function sameRequest(note, detail) {
    return Boolean(note) && (!detail || !detail.xhr || note.xhr === detail.xhr);
  }

  document.addEventListener("htmx:beforeRequest", function (event) {
    var active = document.activeElement;
    var trigger = event.detail.elt;
    if (active && active !== document.body && trigger && trigger.contains(active)) {
      focusAtRequest = { xhr: event.detail.xhr, element: active };
    }
  });

  document.addEventListener("htmx:beforeSwap", function (event) {
    var trigger = event.detail.requestConfig && event.detail.requestConfig.elt;
    var target = event.detail.target;
    var active = document.activeElement;
    if ((!active || active === document.body) && sameRequest(focusAtRequest, event.detail)) {
      active = focusAtRequest.element;
    }
    var named = trigger && trigger.getAttribute && trigger.getAttribute("data-then-focus");
    var losing = active && active !== document.body && target && target.contains(active);
    if (named || losing) {
      var activeId = active && active.id;
      focusAfterSwap = { xhr: event.detail.xhr, selector: named, target: target, activeId: activeId };
    }
  });

  function newPlaceOf(target) {
    if (target.isConnected) {
      return target;
    }
    return target.id ? document.getElementById(target.id) : null;  // an outerHTML swap
  }

  document.addEventListener("htmx:afterSettle", function (event) {
    var pending = sameRequest(focusAfterSwap, event.detail) ? focusAfterSwap : null;
    var atRequest = sameRequest(focusAtRequest, event.detail) ? focusAtRequest.element : null;
    if (pending) {
      focusAfterSwap = null;
    }
    if (atRequest) {
      focusAtRequest = null;
    }
    if (!pending) {
      // The pressed button outlived the swap: give it its focus back once enabled again.
      var lost = !document.activeElement || document.activeElement === document.body;
      if (lost && atRequest && atRequest.isConnected && !atRequest.disabled) {
        atRequest.focus();
      }
      return;
    }
    var active = document.activeElement;
    var kept = active && active !== document.body && active.isConnected;
    var swapped = newPlaceOf(pending.target);
    // Already moved on into the new content (a click in the form just drawn) before it
    // settled: leave them there rather than pull focus away mid-typing.
    var restored = kept && pending.activeId && active.id === pending.activeId;
    if (kept && !restored && swapped && swapped.contains(active)) {
      return;
    }
    var place = pending.selector ? document.querySelector(pending.selector) : null;
    if (!place && kept) {
      return;  // htmx put focus back itself (an element with the same id)
    }
    place = place || swapped;
    if (!place) {
      return;
    }
    // A form sent back with errors: start on the first field to fix, not at the top of
    // the swapped section (a panel of rows) where the errors are many Tabs away.
    if (!pending.selector) {
      place = place.querySelector('[aria-invalid="true"]') || place;
    }
    if (place.tabIndex < 0 && !place.hasAttribute("tabindex")) {
      place.setAttribute("tabindex", "-1");
    }
    place.focus();
  });

  function setUpNavToggle() {
    var toggle = document.querySelector(".nav-toggle");
    var header = document.querySelector(".site-header");
    if (!toggle || !header) {
      return;
    }
    toggle.hidden = false;
    header.classList.add("site-header--collapsible");
    function setOpen(open) {
      toggle.setAttribute("aria-expanded", String(open));
      header.classList.toggle("site-header--open", open);
    }
    toggle.addEventListener("click", function () {
      setOpen(toggle.getAttribute("aria-expanded") !== "true");
    });
    // Escape folds the open menu away and hands focus back to its button, as the
    // account menu does.
    header.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
        setOpen(false);
        toggle.focus();
      }
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
        event.stopPropagation();  // one Escape closes one menu: the phone menu stays open
        menu.open = false;
        menu.querySelector("summary").focus();
      }
    });
  }

  // A <details data-fold-on-phone> side panel (the directory's filters) is open for wide
  // screens; on a phone it starts folded, unless one of its fields is in use, so the
  // results come first. The width is the one where the CSS stacks the panel on top.
  var PHONE_LAYOUT = "(max-width: 55.99rem)";

  function foldOnPhone() {
    if (!window.matchMedia(PHONE_LAYOUT).matches) {
      return;
    }
    document.querySelectorAll("details[data-fold-on-phone]").forEach(function (panel) {
      panel.open = Array.prototype.some.call(panel.querySelectorAll("select, input"), function (field) {
        return field.type === "checkbox" || field.type === "radio" ? field.checked : field.value !== "";
      });
    });
  }

  // The visitor's IANA time zone ("Africa/Lagos"), or "" when the browser cannot say.
  function browserZone() {
    try {
      return Intl.DateTimeFormat().resolvedOptions().timeZone || "";
    } catch (error) {
      return "";
    }
  }

  // Shared with the other scripts: live notifications show their toasts the same way;
  // local times and the booking widget ask for the zone here. This file is the first
  // deferred script after htmx on every page, so it has run before any of them.
  window.ProcusMeet = window.ProcusMeet || {};
  window.ProcusMeet.showToast = showToast;
  window.ProcusMeet.browserZone = browserZone;

  // Sign-up forms carry the browser's zone, so a new account reads times in it at once.
  function fillBrowserZone() {
    document.querySelectorAll("input[data-browser-zone]").forEach(function (field) {
      if (!field.value) field.value = browserZone();
    });
  }

  function start() {
    fillBrowserZone();
    watchToasts();
    setUpNavToggle();
    setUpAccountMenu();
    foldOnPhone();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
