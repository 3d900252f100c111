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
      // U+2066…U+2069 keep the clock times left to right inside Arabic text, U+2068…U+2069
      // the place and zone in their own direction.
      el.textContent = el.dataset.label + ": " + day.format(start) + ", " +
        "\u2066" + time.format(start) + "–" + time.format(end) + "\u2069 (\u2068" + place +
        (named && named !== place ? ", " + named : "") + "\u2069)";
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

  // A table wider than the screen scrolls sideways in its box: while it does, the box gets a
  // tab stop and a name (its table's caption, or the heading before it), so it can be
  // reached and scrolled with the keyboard. Boxes given a tab stop by their template keep it.
  function reachableScrollers(root) {
    root.querySelectorAll(".table-scroll").forEach(function (box) {
      var ours = box.hasAttribute("data-scroll-stop");
      if (box.hasAttribute("tabindex") && !ours) return;
      var scrolls = box.scrollWidth > box.clientWidth;
      if (scrolls && !ours) {
        var caption = box.querySelector("caption");
        var heading = box.previousElementSibling;
        var name = caption ? caption.textContent : (heading && /^H[1-6]$/.test(heading.tagName) ? heading.textContent : "");
        box.setAttribute("data-scroll-stop", "");
        box.tabIndex = 0;
        box.setAttribute("role", "group");
        if (name.trim()) box.setAttribute("aria-label", name.trim());
      } else if (!scrolls && ours) {
        ["data-scroll-stop", "tabindex", "role", "aria-label"].forEach(function (name) { box.removeAttribute(name); });
      }
    });
  }
  var resizing;
  window.addEventListener("resize", function () {
    clearTimeout(resizing);
    resizing = setTimeout(function () { reachableScrollers(document); }, 200);
  });

  document.addEventListener("DOMContentLoaded", function () {
    showVisitorTimes(document);
    reachableScrollers(document);
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    showVisitorTimes(event.target);
    reachableScrollers(document);  // an outerHTML swap's target is the old element
  });
})();
