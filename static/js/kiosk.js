// The desk's evaluation tablet (templates/web/kiosk/): back to the first step after a while without a touch
// (data-kiosk-idle seconds on <body>), and after the thank-you page (data-kiosk-after seconds). No inline script
// (Content-Security-Policy); without JavaScript the pages' meta refresh does the same.
(function () {
  "use strict";
  var body = document.body;
  if (!body || !body.dataset.kioskHome) { return; }
  var home = body.dataset.kioskHome;
  var idle = parseFloat(body.dataset.kioskIdle || "60");
  var after = parseFloat(body.dataset.kioskAfter || "");
  var timer = null;

  function reset() { window.location.replace(home); }

  function arm(seconds) {
    if (timer) { window.clearTimeout(timer); }
    timer = window.setTimeout(reset, seconds * 1000);
  }

  if (after > 0) {
    arm(after);  // the thank-you page: a touch does not keep it
    return;
  }
  if (idle > 0) {
    arm(idle);
    ["pointerdown", "keydown", "input", "touchstart", "scroll"].forEach(function (name) {
      window.addEventListener(name, function () { arm(idle); }, { passive: true, capture: true });
    });
  }
  // A page brought back from the browser's cache (the back button) starts again from the first step.
  window.addEventListener("pageshow", function (event) { if (event.persisted) { reset(); } });
}());
