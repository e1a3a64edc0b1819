(function () {
  "use strict";
  document.documentElement.className = "js";
  var table = document.getElementById("violations");
  if (table) {
    var rows = Array.prototype.slice.call(table.tBodies[0].rows).filter(function (r) { return r.hasAttribute("data-code"); });
    var filters = Array.prototype.slice.call(document.querySelectorAll("select[data-filter]"));
    var sort = document.getElementById("sort");
    var count = document.getElementById("shown");
    var apply = function () {
      var shown = 0;
      rows.forEach(function (row) {
        var ok = filters.every(function (f) { return !f.value || row.getAttribute("data-" + f.getAttribute("data-filter")) === f.value; });
        row.hidden = !ok;
        if (ok) { shown += 1; }
      });
      var order = sort ? sort.value : "oldest";
      rows.sort(function (a, b) {
        var d = Number(b.getAttribute("data-days")) - Number(a.getAttribute("data-days"));
        return order === "oldest" ? d : -d;
      });
      rows.forEach(function (row) { table.tBodies[0].appendChild(row); });
      if (count) { count.textContent = String(shown); }
      var state = filters.filter(function (f) { return f.value; }).map(function (f) {
        return f.getAttribute("data-filter") + "=" + encodeURIComponent(f.value);
      });
      if (window.history && window.history.replaceState) {
        window.history.replaceState(null, "", state.length ? "#" + state.join("&") : window.location.pathname);
      }
    };
    // A link such as index.html#code=author-missing opens the table already filtered.
    window.location.hash.replace(/^#/, "").split("&").forEach(function (pair) {
      var parts = pair.split("=");
      filters.forEach(function (f) {
        if (parts.length === 2 && f.getAttribute("data-filter") === parts[0]) { f.value = decodeURIComponent(parts[1]); }
      });
    });
    filters.concat(sort ? [sort] : []).forEach(function (f) { f.addEventListener("change", apply); });
    apply();
  }
  var copy = document.getElementById("copy-notice");
  if (copy) {
    copy.hidden = false;
    copy.addEventListener("click", function () {
      var text = document.getElementById("notice");
      text.select();
      if (navigator.clipboard) { navigator.clipboard.writeText(text.value); } else { document.execCommand("copy"); }
      copy.textContent = "Copied";
    });
  }
}());
