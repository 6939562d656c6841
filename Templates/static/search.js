// Search that works from file://: the index is a plain script (search-index.js) that sets
// window.BRIEF_SEARCH; no fetch, no modules. Without JavaScript the form opens the list of briefs.
(function () {
  "use strict";
  var form = document.querySelector("[data-search]");
  var box = document.getElementById("search-results");
  if (!form || !box) return;
  var input = form.querySelector("input");
  var root = document.documentElement.getAttribute("data-root") || "";

  function terms(text) {
    return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(function (t) { return t.length > 0; });
  }

  function matches(entry, queryTerms) {
    var hay = " " + [entry.t, entry.s, entry.g, entry.w].join(" ").toLowerCase().split(/[^\p{L}\p{N}]+/u).join(" ");
    return queryTerms.every(function (t) { return hay.indexOf(" " + t) !== -1; });
  }

  function show(query) {
    var index = window.BRIEF_SEARCH || [];
    var q = terms(query);
    while (box.firstChild) box.removeChild(box.firstChild);
    if (q.length === 0) { box.hidden = true; return; }
    var found = index.filter(function (e) { return matches(e, q); });
    var heading = document.createElement("p");
    heading.className = "meta";
    // The words come from the page's language file, through the form's data- attributes.
    var words = found.length === 0 ? form.getAttribute("data-none")
      : found.length === 1 ? form.getAttribute("data-one") : form.getAttribute("data-many");
    heading.textContent = (words || "").replace("{query}", query).replace("{count}", String(found.length));
    box.appendChild(heading);
    if (found.length > 0) {
      var list = document.createElement("ol");
      found.slice(0, 20).forEach(function (e) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = root + e.u;
        a.textContent = e.t;
        li.appendChild(a);
        if (e.s) {
          var p = document.createElement("span");
          p.className = "meta";
          p.textContent = " \u2014 " + e.s;
          li.appendChild(p);
        }
        list.appendChild(li);
      });
      box.appendChild(list);
    }
    box.hidden = false;
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    show(input.value);
  });
  input.addEventListener("input", function () { show(input.value); });
  var params = new URLSearchParams(window.location.search);
  if (params.get("q")) { input.value = params.get("q"); show(input.value); }
})();
