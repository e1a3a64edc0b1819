// Copy buttons for the suggested credit: progressive enhancement. Without JavaScript the buttons stay
// hidden and the credit is selectable in its text area.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("button.copy[data-copy]").forEach(function (button) {
    var area = document.getElementById(button.getAttribute("data-copy"));
    if (!area) { return; }
    var label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", function () {
      area.focus();
      area.select();
      var done = function () {
        button.textContent = button.getAttribute("data-done");
        window.setTimeout(function () { button.textContent = label; }, 2500);
      };
      var fallback = function () {
        try { if (document.execCommand("copy")) { done(); } } catch (e) { /* the text stays selected */ }
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(area.value).then(done, fallback);
      } else {
        fallback();
      }
    });
  });
});
