// The print view: a button that opens the browser's print dialog.
(function () {
  "use strict";
  var button = document.querySelector(".js-print");
  if (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  }
})();
