// Site behaviour without inline scripts (CSP: script-src 'self').
(function () {
  "use strict";

  function applyWidths(root) {
    root.querySelectorAll("[data-width]").forEach(function (el) {
      var value = parseFloat(el.getAttribute("data-width"));
      if (!isNaN(value)) { el.style.width = Math.max(0, Math.min(100, value)) + "%"; }
    });
  }

  function bind(root) {
    applyWidths(root);
    root.querySelectorAll("[data-confirm]").forEach(function (el) {
      el.addEventListener("submit", function (event) {
        if (!window.confirm(el.getAttribute("data-confirm"))) { event.preventDefault(); }
      });
    });
    // GOV.UK pattern: the error summary takes focus.
    var summary = root.querySelector(".error-summary");
    if (summary) { summary.focus(); }
    // Disable submit buttons once a form is sent, against double submissions.
    root.querySelectorAll("form[method=post]").forEach(function (form) {
      form.addEventListener("submit", function () {
        form.querySelectorAll("button[type=submit]").forEach(function (b) {
          window.setTimeout(function () { b.disabled = true; }, 0);
        });
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () { bind(document); });
  document.addEventListener("htmx:afterSwap", function (event) { applyWidths(event.target); });
  if (window.htmx) { window.htmx.config.includeIndicatorStyles = false; }
})();
