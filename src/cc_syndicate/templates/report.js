(function () {
  "use strict";
  var table = document.getElementById("violations");
  if (table) {
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
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
    };
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
