// The photo library's viewer, for the keyboard. Every page works without this file: the
// photos are links to a page each, with links to the previous and next photo and back.
(function () {
  "use strict";

  // A photo page: ← and → go to the neighbours, Escape back to the album, where the
  // photo just seen takes the focus. The viewer takes the focus as a page opens, so a
  // screen reader starts at the photo and Tab leads on to its links.
  var viewer = document.querySelector("[data-photo-viewer]");
  if (viewer) {
    viewer.focus({ preventScroll: true });
    document.addEventListener("keydown", function (event) {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) {
        return;
      }
      var target = event.target;
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT|BUTTON)$/.test(target.tagName))) {
        return;
      }
      // The main menu has keys of its own (Escape closes a sub-menu).
      if (target && target.closest && target.closest(".main-nav")) {
        return;
      }
      var link = viewer.querySelector('a[data-key="' + event.key + '"]');
      if (link) {
        event.preventDefault();
        window.location.assign(link.href);
      }
    });
  }

  // An album: coming back from the viewer (#anh-3), that photo's link takes the focus.
  var grid = document.querySelector("[data-photo-grid]");
  if (grid && /^#anh-\d+$/.test(window.location.hash)) {
    var thumbnail = document.getElementById(window.location.hash.slice(1));
    if (thumbnail && grid.contains(thumbnail)) {
      thumbnail.focus();
    }
  }
})();
