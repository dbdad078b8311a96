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
