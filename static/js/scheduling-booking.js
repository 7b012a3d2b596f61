/* Booking widget: fill in the visitor's time zone before htmx loads the calendar, and
   keep the "Times shown in …" label in step with the zone picker. Loaded with `defer`
   after htmx, so it runs before htmx processes the page (on DOMContentLoaded) and the
   widget's first request already carries the right zone. */
(function () {
  "use strict";

  function choose(select, zone) {
    if (!zone) {
      return;
    }
    // Browsers may report a legacy name ("Asia/Calcutta"); its option lists it in
    // data-aliases (scheduling/templatetags/scheduling.py), so the current name is chosen.
    var known = Array.prototype.find.call(select.options, function (option) {
      var aliases = (option.getAttribute("data-aliases") || "").split(" ");
      return option.value === zone || aliases.indexOf(zone) !== -1;
    });
    if (!known) {
      known = new Option(zone, zone);
      select.add(known);
    }
    select.value = known.value;
  }

  function setUp(widget) {
    var select = widget.querySelector("[data-tz-select]");
    var label = widget.querySelector("[data-tz-name]");
    var change = widget.querySelector("[data-tz-change]");
    var picker = widget.querySelector("[data-tz-picker]");
    if (!select) {
      return;
    }
    // A zone already chosen on the server (a no-JS page) wins over the browser's guess.
    if (!widget.querySelector("[data-booking-zone]")) {
      choose(select, window.ProcusMeet.browserZone());  // static/js/site.js
    }
    label.textContent = select.value;
    select.addEventListener("change", function () {
      label.textContent = select.value;
    });
    widget.querySelectorAll("[data-no-js]").forEach(function (element) {
      element.hidden = true;
    });
    if (change && picker) {
      picker.hidden = true;
      change.hidden = false;
      change.addEventListener("click", function () {
        var open = picker.hidden;
        picker.hidden = !open;
        change.setAttribute("aria-expanded", String(open));
        if (open) {
          select.focus();
        }
      });
      // Escape folds the picker away and hands focus back to "change", as the site's
      // menus do (an open list of the select takes the first Escape itself).
      picker.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && !picker.hidden) {
          picker.hidden = true;
          change.setAttribute("aria-expanded", "false");
          change.focus();
        }
      });
    }
  }

  // A service's "Book" link on the profile chooses that service in the widget.
  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-area]");
    var widget = document.querySelector("[data-booking-widget]");
    if (!link || !widget) {
      return;
    }
    var radio = widget.querySelector('input[name="area"][value="' + link.dataset.area + '"]');
    if (radio && !radio.checked) {
      radio.checked = true;
      radio.dispatchEvent(new Event("change", { bubbles: true }));
    }
  });

  document.querySelectorAll("[data-booking-widget]").forEach(setUp);
})();
