/* Free times in the visitor's own time zone (directory cards, a profile's next free
   times). The server renders each <time data-local-time> in the expert's zone with its
   abbreviation, which stays as it is without JavaScript; here the browser's zone takes
   over, the note beside the times says so, and links into the booking widget ask for
   that zone too. Loaded with `defer` after htmx, so links are rewritten before htmx
   reads their hx-get (on DOMContentLoaded). */
(function () {
  "use strict";

  var zone = window.ProcusMeet.browserZone();  // static/js/site.js
  if (!zone) {
    return;
  }
  var format = new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone: zone,
    timeZoneName: "short"
  });

  function withZone(url) {
    return url.replace(/([?&]tz=)[^&]*/, "$1" + encodeURIComponent(zone));
  }

  function localise(root) {
    root.querySelectorAll("time[data-local-time]").forEach(function (element) {
      var moment = new Date(element.getAttribute("datetime"));
      if (!isNaN(moment.getTime())) {
        element.textContent = format.format(moment);
      }
    });
    root.querySelectorAll("[data-viewer-zone-note]").forEach(function (note) {
      note.querySelector("[data-tz-name]").textContent = zone;
      note.querySelector("[data-zone-viewer]").hidden = false;
      note.querySelector("[data-zone-fallback]").hidden = true;
    });
    root.querySelectorAll("a[data-viewer-zone-link]").forEach(function (link) {
      link.setAttribute("href", withZone(link.getAttribute("href")));
      if (link.hasAttribute("hx-get")) {
        link.setAttribute("hx-get", withZone(link.getAttribute("hx-get")));
      }
    });
  }

  localise(document);
  // Live search swaps in new result cards.
  document.addEventListener("htmx:afterSettle", function () {
    localise(document);
  });
})();
