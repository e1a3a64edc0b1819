// The editors' pages: the login form tells the server the reader's time zone, so that dates are shown
// in it; without JavaScript the server's [editors] time_zone is used.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var zone = "";
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { /* an old browser */ }
  document.querySelectorAll("input[data-time-zone]").forEach(function (input) { input.value = zone; });
});
