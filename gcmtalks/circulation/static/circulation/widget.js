/* GCM Talks calendar for partners' websites. Include it where the calendar should appear:
 *   <script src="https://…/static/circulation/widget.js" data-region="africa" data-lang="fr" async></script>
 * Options (all optional): data-region, data-workstream (slugs), data-lang (en, fr, es, ar,
 * zh-hans, ru; else the visitor's language), data-title (the frame's title for screen readers).
 * It inserts a frame after itself and sizes it to the height the frame reports. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !script.src) return;
  var origin = new URL(script.src, document.baseURI).origin;
  var params = new URLSearchParams();
  ["region", "workstream", "lang"].forEach(function (name) {
    var value = script.getAttribute("data-" + name);
    if (value) params.set(name, value);
  });
  var frame = document.createElement("iframe");
  var query = params.toString();
  frame.src = origin + "/widget/" + (query ? "?" + query : "");
  frame.title = script.getAttribute("data-title") || "GCM Talks";
  frame.className = "gcmtalks-widget";
  frame.loading = "lazy";
  frame.style.border = "0";
  frame.style.width = "100%";
  frame.style.maxWidth = "100%";
  frame.style.height = "480px";
  script.parentNode.insertBefore(frame, script.nextSibling);

  var MAX_HEIGHT = 5000;
  window.addEventListener("message", function (event) {
    // Only the frame we made, from our own server, may size it.
    if (event.origin !== origin || event.source !== frame.contentWindow) return;
    var data = event.data;
    if (!data || data.type !== "gcmtalks:widget-height") return;
    var height = Number(data.height);
    if (!isFinite(height) || height <= 0) return;
    frame.style.height = Math.min(Math.ceil(height), MAX_HEIGHT) + "px";
  });
})();
