/* Live notifications: the header bell's unread count and a toast for each new one, over
   Server-Sent Events (/api/v1/notifications/stream), without reloading the page.
   EventSource reconnects by itself and sends Last-Event-ID, so nothing is lost or
   repeated; if the server refuses the stream (too many tabs open), the count is polled. */
(function () {
  "use strict";

  var POLL_MS = 30000;
  var bell = document.getElementById("notifications-bell");
  if (!bell) {
    return;
  }
  var source = null;
  var pollTimer = null;

  function setCount(count) {
    // Looked up each time: HTMX swaps the badge element after "mark as read".
    var badge = document.getElementById("notifications-bell-count");
    var number = badge && badge.querySelector("[data-unread-number]");
    if (!number || typeof count !== "number") {
      return;
    }
    number.textContent = String(count);
    badge.hidden = count <= 0;
    mirrorToMenu();
  }

  // On phones the bell is inside the folded menu, so its Menu button shows the count too.
  function mirrorToMenu() {
    var badge = document.getElementById("notifications-bell-count");
    var number = badge && badge.querySelector("[data-unread-number]");
    var copy = document.querySelector("[data-menu-unread]");
    if (!number || !copy) {
      return;
    }
    copy.querySelector("[data-menu-unread-number]").textContent = number.textContent;
    copy.hidden = badge.hidden;
  }
  mirrorToMenu();
  document.addEventListener("htmx:afterSettle", mirrorToMenu);  // "mark as read" swaps the badge

  function toast(text) {
    if (window.ProcusMeet && window.ProcusMeet.showToast) {
      window.ProcusMeet.showToast(text, "info");
    }
  }

  function refreshList() {
    // On the notification centre the list follows too.
    if (document.querySelector("[data-notification-list]") && window.htmx) {
      window.htmx.ajax("GET", window.location.pathname + window.location.search, {
        target: "#notification-list", select: "#notification-list", swap: "outerHTML"
      });
    }
  }

  function poll() {
    if (pollTimer) {
      return;
    }
    pollTimer = window.setInterval(function () {
      window.fetch(bell.dataset.unreadUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (body) { if (body) { setCount(body.unread_count); } })
        .catch(function () { /* offline: try again at the next tick */ });
    }, POLL_MS);
  }

  function open() {
    if (!window.EventSource) {
      poll();
      return;
    }
    var after = bell.dataset.after || "0";
    source = new window.EventSource(bell.dataset.notificationsStream + "?after=" + encodeURIComponent(after));
    source.addEventListener("notification", function (event) {
      var data = JSON.parse(event.data);
      bell.dataset.after = String(data.id);
      setCount(data.unread_count);
      if (!data.read) {
        toast(data.title);
      }
      refreshList();
    });
    source.addEventListener("unread", function (event) {
      setCount(JSON.parse(event.data).unread_count);
    });
    source.addEventListener("error", function () {
      // CLOSED means the browser gave up (an answer other than 200, e.g. 429): poll instead.
      if (source.readyState === window.EventSource.CLOSED) {
        poll();
      }
    });
  }

  // Close on leaving so a page kept in the back/forward cache holds no stream; reopen on return.
  window.addEventListener("pagehide", function () {
    if (source) {
      source.close();
    }
  });
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      open();
    }
  });
  open();
})();
