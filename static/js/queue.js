// Queue numbers' public screens (no inline scripts: the site's Content-Security-Policy).
// - The printed ticket ([data-autoprint]): print once on opening, [data-print] prints again, and the kiosk
//   page comes back by itself after data-return-seconds.
// - The hall display: [data-sound] turns the spoken announcement on (browsers speak only after a user gesture);
//   after each htmx poll, a new data-announce-key on the last-called block is read aloud in Vietnamese.
(function () {
  "use strict";

  function ticket() {
    var slip = document.querySelector("[data-autoprint]");
    if (!slip) return;
    var again = document.querySelector("[data-print]");
    if (again) again.addEventListener("click", function () { window.print(); });
    window.setTimeout(function () { window.print(); }, 300);
    var seconds = parseInt(slip.getAttribute("data-return-seconds") || "0", 10);
    var url = slip.getAttribute("data-return-url");
    if (seconds > 0 && url) window.setTimeout(function () { window.location.assign(url); }, seconds * 1000);
  }

  function display() {
    var button = document.querySelector("[data-sound]");
    if (!button) return;
    var on = false;
    var lastKey = null;
    var current = document.querySelector("[data-announce-key]");
    if (current) lastKey = current.getAttribute("data-announce-key");

    function speak(text) {
      if (!("speechSynthesis" in window)) return;
      var utterance = new SpeechSynthesisUtterance(text);
      utterance.lang = "vi-VN";
      utterance.rate = 0.9;
      var voice = window.speechSynthesis.getVoices().filter(function (v) { return /^vi/i.test(v.lang); })[0];
      if (voice) utterance.voice = voice;
      window.speechSynthesis.speak(utterance);
    }

    button.addEventListener("click", function () {
      on = !on;
      button.setAttribute("aria-pressed", on ? "true" : "false");
      button.textContent = button.getAttribute(on ? "data-on" : "data-off");
      if (on && "speechSynthesis" in window) window.speechSynthesis.cancel();
    });

    document.body.addEventListener("htmx:afterSwap", function () {
      var block = document.querySelector("[data-announce-key]");
      if (!block) return;
      var key = block.getAttribute("data-announce-key");
      if (key === lastKey) return;
      lastKey = key;
      document.body.setAttribute("data-announced", key);
      if (on) {
        var text = block.getAttribute("data-announce-text");
        speak(text);
        window.setTimeout(function () { speak(text); }, 3500);
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () { ticket(); display(); });
})();
