/* Values on hover and keyboard focus for Brief's charts (progressive enhancement).
   Without this script every point is still reachable with Tab and named by its <title>
   (which browsers also show on hover), and each chart's data table holds every value.
   With it, a tooltip shows the value of the point nearest the pointer, or of the focused
   point; Escape hides it. No framework, no network: works from file://. */
(function () {
  "use strict";

  function setUp(svg) {
    var points = Array.prototype.slice.call(svg.querySelectorAll(".points .point"));
    if (!points.length) return;
    var figure = svg.closest("figure") || svg.parentNode;
    var tip = figure.querySelector(".chart-tip");
    if (!tip) {
      tip = document.createElement("div");
      tip.className = "chart-tip";
      tip.setAttribute("aria-hidden", "true"); /* the focused point's own name is announced */
      tip.hidden = true;
      figure.appendChild(tip);
    }
    points.forEach(function (p) {
      var title = p.querySelector("title");
      if (title) {
        /* The tooltip replaces the browser's own: keep the name, drop the <title>. */
        p.setAttribute("aria-label", title.textContent);
        p.removeChild(title);
      }
      p.addEventListener("focus", function () { show(p); });
      p.addEventListener("blur", function () { if (!svg.matches(":hover")) hide(); });
    });

    function show(p) {
      points.forEach(function (q) { q.classList.toggle("is-active", q === p); });
      tip.textContent = p.getAttribute("aria-label");
      tip.setAttribute("data-row", p.getAttribute("data-row"));
      tip.setAttribute("data-series", p.getAttribute("data-series"));
      tip.className = "chart-tip " + (p.getAttribute("class").match(/series-\d+/) || [""])[0];
      tip.hidden = false;
      var f = figure.getBoundingClientRect(), r = p.getBoundingClientRect();
      var x = r.left + r.width / 2 - f.left, top = r.top - f.top;
      var w = tip.offsetWidth, h = tip.offsetHeight;
      var left = Math.max(0, Math.min(x - w / 2, f.width - w));
      var y = top - h - 6;
      if (y < 0) y = top + r.height + 6;
      tip.style.left = left + "px";
      tip.style.top = y + "px";
    }

    function hide() {
      tip.hidden = true;
      points.forEach(function (q) { q.classList.remove("is-active"); });
    }

    function nearest(x, y) {
      var best = null, bestD = Infinity;
      points.forEach(function (p) {
        var r = p.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) return;
        var dx = r.left + r.width / 2 - x, dy = r.top + r.height / 2 - y, d = dx * dx + dy * dy;
        if (d < bestD) { bestD = d; best = p; }
      });
      return best;
    }

    svg.addEventListener("pointermove", function (e) {
      var p = nearest(e.clientX, e.clientY);
      if (p) show(p);
    });
    svg.addEventListener("pointerleave", function () {
      var focused = points.indexOf(document.activeElement) >= 0 ? document.activeElement : null;
      if (focused) show(focused); else hide();
    });
    svg.addEventListener("keydown", function (e) {
      if (e.key === "Escape") hide();
    });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("figure.chart svg.chart-svg"), setUp);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
