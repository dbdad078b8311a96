// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // On narrow screens the main menu folds behind a button.
  var toggle = document.querySelector(".menu-toggle");
  var menu = document.getElementById("main-menu");
  if (toggle && menu) {
    var narrow = window.matchMedia("(max-width: 47.99rem)");
    var sync = function () {
      if (narrow.matches) {
        toggle.hidden = false;
        menu.classList.toggle("is-collapsed", toggle.getAttribute("aria-expanded") !== "true");
      } else {
        toggle.hidden = true;
        menu.classList.remove("is-collapsed");
      }
    };
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") === "true";
      toggle.setAttribute("aria-expanded", open ? "false" : "true");
      sync();
    });
    narrow.addEventListener("change", sync);
    sync();
  }
})();

// Sub-menus: the button beside an entry opens and closes the list of its pages (the
// disclosure pattern). Escape closes it and gives the focus back to the button; a click
// elsewhere, or the focus leaving the entry, closes it too. Without this file the pages
// open on hover and keyboard focus (wide screens) or are listed under the entry (phones).
(function () {
  "use strict";

  var toggles = Array.prototype.slice.call(document.querySelectorAll(".submenu-toggle"));
  var close = function (button) {
    button.setAttribute("aria-expanded", "false");
  };
  toggles.forEach(function (button) {
    var entry = button.parentNode;
    button.hidden = false;
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") === "true";
      toggles.forEach(close);
      button.setAttribute("aria-expanded", open ? "false" : "true");
    });
    entry.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
        close(button);
        button.focus();
      }
    });
    entry.addEventListener("focusout", function (event) {
      if (event.relatedTarget && !entry.contains(event.relatedTarget)) {
        close(button);
      }
    });
  });
  if (toggles.length) {
    document.addEventListener("click", function (event) {
      toggles.forEach(function (button) {
        if (!button.parentNode.contains(event.target)) {
          close(button);
        }
      });
    });
  }
})();

// Article pages: rating without reloading, copying the link, the phone's share sheet.
(function () {
  "use strict";

  var ratingForm = document.querySelector("[data-rating-form]");
  if (ratingForm && window.fetch && window.FormData) {
    ratingForm.addEventListener("submit", function (event) {
      event.preventDefault();
      var status = ratingForm.querySelector("[data-rating-status]");
      var summary = document.querySelector("[data-rating-summary]");
      fetch(ratingForm.action, {
        method: "POST",
        body: new FormData(ratingForm),
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      })
        .then(function (response) {
          return response.json().then(function (data) {
            return { ok: response.ok, data: data };
          });
        })
        .then(function (result) {
          if (result.ok) {
            status.textContent = result.data.message;
            if (summary && result.data.summary) {
              summary.textContent = result.data.summary;
            }
          } else {
            status.textContent = (result.data.errors || []).join(" ");
          }
        })
        .catch(function () {
          ratingForm.submit();
        });
    });
  }

  var copyButton = document.querySelector(".js-copy-link");
  if (copyButton && navigator.clipboard) {
    copyButton.hidden = false;
    copyButton.addEventListener("click", function () {
      navigator.clipboard.writeText(copyButton.dataset.url).then(function () {
        copyButton.textContent = copyButton.dataset.copied;
      });
    });
  }

  var share = document.querySelector(".js-share");
  if (share && navigator.share) {
    share.addEventListener("click", function (event) {
      event.preventDefault();
      navigator.share({ title: share.dataset.title, url: share.dataset.url }).catch(function () {});
    });
  }
})();

// A refused form: the form's address ends in the summary's anchor, so the page opens at
// the summary (without this file too); here it also takes the focus, so a screen reader
// reads the errors first and Tab leads on to the fields.
(function () {
  "use strict";

  var summary = document.querySelector("[data-error-summary]");
  if (summary && document.activeElement !== summary) {
    summary.focus();
  }
})();

// A member export being prepared: ask for its page again every few seconds and show the
// new state (ready, failed) in place, in a polite live region. Without this file the page
// has a "Refresh now" link; a timed <meta> refresh would break WCAG 2.2.1.
(function () {
  "use strict";

  var state = document.querySelector("[data-export-state][data-refresh-seconds]");
  if (!state || !window.fetch || !window.DOMParser) {
    return;
  }
  var seconds = parseInt(state.getAttribute("data-refresh-seconds"), 10) || 5;
  var ask = function () {
    fetch(window.location.href, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) {
        return response.text();
      })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        var fresh = page.querySelector("[data-export-state]");
        if (!fresh) {
          window.setTimeout(ask, seconds * 1000);
          return;
        }
        if (fresh.hasAttribute("data-refresh-seconds")) {
          window.setTimeout(ask, seconds * 1000);
          return;
        }
        state.innerHTML = fresh.innerHTML;
        state.removeAttribute("data-refresh-seconds");
      })
      .catch(function () {
        window.setTimeout(ask, seconds * 1000);
      });
  };
  window.setTimeout(ask, seconds * 1000);
})();
