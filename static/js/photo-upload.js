/* Profile photo upload with a live preview and an upload progress bar.
   Posts the file to the API (session + CSRF header); without script the form posts
   to the page and the server answers the same way. */
(function () {
  "use strict";

  var MAX_BYTES = 5 * 1024 * 1024;

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }

  function errorMessage(xhr, fallback) {
    try {
      var body = JSON.parse(xhr.responseText);
      var fields = (body.error && body.error.fields) || {};
      return (fields.photo && fields.photo[0]) || (body.error && body.error.message) || fallback;
    } catch (ignored) {
      return fallback;
    }
  }

  function setup(root) {
    var form = root.querySelector("[data-photo-form]");
    var input = form.querySelector('input[type="file"]');
    var preview = root.querySelector("[data-photo-preview]");
    var progress = root.querySelector("[data-photo-progress]");
    var status = root.querySelector("[data-photo-status]");
    var button = form.querySelector('button[type="submit"]');
    var savedSrc = preview.getAttribute("src");
    var objectUrl = null;

    function say(text, isError) {
      status.textContent = text;
      status.classList.toggle("photo-upload__status--error", Boolean(isError));
    }

    function showLocal(file) {
      if (objectUrl) {
        URL.revokeObjectURL(objectUrl);
      }
      objectUrl = URL.createObjectURL(file);
      preview.src = objectUrl;
    }

    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      say("", false);
      if (!file) {
        preview.src = savedSrc;
        return;
      }
      if (file.size > MAX_BYTES) {
        say(root.dataset.tooLargeText, true);
        input.value = "";
        preview.src = savedSrc;
        return;
      }
      showLocal(file);
    });

    form.addEventListener("submit", function (event) {
      var file = input.files && input.files[0];
      if (!file) {
        return; // let the browser post the empty form; the server explains
      }
      event.preventDefault();
      // Disabling the focused button drops focus to <body>; hand it back when the upload
      // ends, so a keyboard user goes on from here rather than from the top of the page.
      var hadFocus = document.activeElement === button;
      var finish = function () {
        progress.hidden = true;
        button.disabled = false;
        if (hadFocus && (!document.activeElement || document.activeElement === document.body)) {
          button.focus();
        }
      };
      var data = new FormData();
      data.append("photo", file);
      var xhr = new XMLHttpRequest();
      xhr.open("POST", root.dataset.endpoint);
      xhr.setRequestHeader("X-CSRFToken", csrfToken());
      xhr.setRequestHeader("Accept", "application/json");
      xhr.upload.addEventListener("progress", function (progressEvent) {
        if (progressEvent.lengthComputable) {
          progress.value = Math.round((progressEvent.loaded / progressEvent.total) * 100);
        }
      });
      xhr.addEventListener("load", function () {
        finish();
        if (xhr.status === 200) {
          var body = JSON.parse(xhr.responseText);
          savedSrc = body.photo_url;
          preview.src = body.photo_url;
          preview.alt = root.dataset.currentAlt || preview.alt;
          input.value = "";
          say(root.dataset.doneText, false);
        } else {
          preview.src = savedSrc;
          say(errorMessage(xhr, root.dataset.errorText), true);
        }
      });
      xhr.addEventListener("error", function () {
        finish();
        preview.src = savedSrc;
        say(root.dataset.errorText, true);
      });
      progress.value = 0;
      progress.hidden = false;
      button.disabled = true;
      say(root.dataset.uploadingText, false);
      xhr.send(data);
    });
  }

  document.querySelectorAll("[data-photo-upload]").forEach(setup);
})();
