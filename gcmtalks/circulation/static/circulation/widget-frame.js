/* Inside the widget's frame: tell the page that frames it how tall the content is, so
   widget.js can size the frame. The height is not a secret: any page may hear it. */
(function () {
  "use strict";
  if (window.parent === window) return;
  var widget = document.getElementById("widget");
  var last = 0;
  function send() {
    var height = Math.ceil(widget.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: "gcmtalks:widget-height", height: height }, "*");
  }
  send();
  window.addEventListener("load", send);
  if ("ResizeObserver" in window) new ResizeObserver(send).observe(widget);
  else window.addEventListener("resize", send);
})();
