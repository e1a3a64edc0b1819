(function () {
  "use strict";
  document.documentElement.className = "js";

  // Dates: the page says UTC; the reader sees their own time zone.
  var lang = document.documentElement.lang || undefined;
  Array.prototype.forEach.call(document.querySelectorAll("time[datetime]"), function (el) {
    var when = new Date(el.getAttribute("datetime"));
    if (isNaN(when.getTime())) { return; }
    el.title = el.textContent;
    if (el.getAttribute("data-kind") === "moment") {
      el.textContent = when.toLocaleString(lang, { dateStyle: "medium", timeStyle: "short" });
    } else if (el.getAttribute("datetime").length > 10) {
      el.textContent = when.toLocaleDateString(lang, { dateStyle: "medium" });
    } else {  // a bare day (a notice's date, a deadline) is a calendar day, not a moment: no time zone moves it
      el.textContent = when.toLocaleDateString(lang, { dateStyle: "medium", timeZone: "UTC" });
    }
  });

  // The table of cases: filters (by republisher, age, notice), kept in the address (#republisher=...).
  var table = document.getElementById("cases");
  if (table) {
    var rows = Array.prototype.slice.call(table.tBodies[0].rows).filter(function (r) { return r.hasAttribute("data-case"); });
    var filters = Array.prototype.slice.call(document.querySelectorAll("select[data-filter]"));
    var sort = document.getElementById("sort");
    var count = document.getElementById("shown");
    var matches = function (row, f) {
      var want = f.value, have = row.getAttribute("data-" + f.getAttribute("data-filter"));
      if (!want) { return true; }
      if (f.getAttribute("data-filter") === "age" && want === "week") { return have === "day" || have === "week"; }
      return have === want;
    };
    var apply = function () {
      var shown = 0;
      rows.forEach(function (row) {
        var ok = filters.every(function (f) { return matches(row, f); });
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
        window.history.replaceState(null, "", state.length ? "#" + state.join("&") : window.location.pathname + window.location.search);
      }
    };
    var fromHash = function () {
      window.location.hash.replace(/^#/, "").split("&").forEach(function (pair) {
        var parts = pair.split("=");
        filters.forEach(function (f) {
          if (parts.length === 2 && f.getAttribute("data-filter") === parts[0]) {
            var value = decodeURIComponent(parts[1]);
            if (!Array.prototype.some.call(f.options, function (o) { return o.value === value; })) {
              f.appendChild(new Option(value, value));  // a republisher with no open case
            }
            f.value = value;
          }
        });
      });
    };
    fromHash();
    window.addEventListener("hashchange", function () { fromHash(); apply(); });
    filters.concat(sort ? [sort] : []).forEach(function (f) { f.addEventListener("change", apply); });
    apply();
  }

  // The notice: copy the letter alone (the To and Subject lines are apart, above it).
  var copy = document.getElementById("copy-letter");
  if (copy) {
    copy.hidden = false;
    copy.addEventListener("click", function () {
      var letter = document.getElementById(copy.getAttribute("data-target"));
      var text = letter.textContent;
      var done = function () { copy.textContent = copy.getAttribute("data-done"); };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(done, function () { select(letter); });
      } else {
        select(letter);
        if (document.execCommand("copy")) { done(); }
      }
    });
  }
  function select(node) {
    var range = document.createRange();
    range.selectNodeContents(node);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }
}());
