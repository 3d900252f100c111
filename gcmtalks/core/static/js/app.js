// GCM Talks: small progressive enhancements. Everything works without this file.
(function () {
  "use strict";

  // Show a talk's time in the visitor's own time zone, next to the Geneva time.
  function showVisitorTimes(root) {
    var lang = document.documentElement.lang || undefined;
    root.querySelectorAll("[data-visitor-time]").forEach(function (el) {
      var start = new Date(el.dataset.start);
      var end = new Date(el.dataset.end);
      if (isNaN(start) || isNaN(end)) return;
      var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      var time = new Intl.DateTimeFormat(lang, { hour: "2-digit", minute: "2-digit", hour12: false });
      var day = new Intl.DateTimeFormat(lang, { weekday: "long", day: "numeric", month: "long" });
      var named = new Intl.DateTimeFormat(lang, { timeZoneName: "short" })
        .formatToParts(start)
        .filter(function (p) { return p.type === "timeZoneName"; })
        .map(function (p) { return p.value; })[0] || "";
      var place = zone.replace(/_/g, " ");
      // U+2066…U+2069 keep the clock times left to right inside Arabic text.
      el.textContent = el.dataset.label + ": " + day.format(start) + ", " +
        "\u2066" + time.format(start) + "–" + time.format(end) + "\u2069 (" + place +
        (named && named !== place ? ", " + named : "") + ")";
      el.hidden = false;
    });
  }

  // Leave empty filters out of the address, so shared links stay short.
  document.addEventListener("htmx:configRequest", function (event) {
    var params = event.detail.parameters;
    var empty = [];
    params.forEach(function (value, name) { if (value === "") empty.push(name); });
    empty.forEach(function (name) { params.delete(name); });
  });

  document.addEventListener("DOMContentLoaded", function () { showVisitorTimes(document); });
  document.addEventListener("htmx:afterSwap", function (event) { showVisitorTimes(event.target); });
})();
