// Money inputs (data-money): digits grouped with dots as they are typed (180.000.000), and the
// application form's live support estimate (data-support-*): min(rate × cost, cap, yearly limit).
(function () {
  "use strict";

  function digits(text) { return (text || "").replace(/\D/g, ""); }

  function group(text) {
    var d = digits(text).replace(/^0+(?=\d)/, "");
    return d.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  }

  function formatInput(input) {
    var before = input.value;
    var caretFromEnd = before.length - (input.selectionEnd || before.length);
    var after = group(before);
    if (after !== before) {
      input.value = after;
      var pos = Math.max(0, after.length - caretFromEnd);
      try { input.setSelectionRange(pos, pos); } catch (e) { /* not focusable */ }
    }
  }

  function amount(input) {
    if (!input) { return null; }
    var d = digits(input.value);
    return d === "" ? null : parseInt(d, 10);
  }

  function updateSupport(form) {
    var box = form.querySelector("[data-support-estimate]");
    if (!box) { return; }
    var cost = amount(form.querySelector("input[name=eligible_cost]"));
    var requested = amount(form.querySelector("input[name=requested_amount]"));
    var rate = parseFloat(box.getAttribute("data-support-rate"));
    var cap = box.getAttribute("data-support-cap");
    var limit = box.getAttribute("data-support-limit");
    var output = box.querySelector("[data-support-amount]");
    var warning = box.querySelector("[data-support-over-cap]");
    if (cost === null || isNaN(rate)) {
      output.textContent = "—";
    } else {
      var support = Math.floor(cost * rate / 100);
      if (cap !== "") { support = Math.min(support, parseInt(cap, 10)); }
      if (limit !== "") { support = Math.min(support, parseInt(limit, 10)); }
      output.textContent = group(String(support)) + " ₫";
    }
    if (warning) { warning.hidden = !(cap !== "" && requested !== null && requested > parseInt(cap, 10)); }
  }

  function bind(root) {
    root.querySelectorAll("input[data-money]").forEach(function (input) {
      if (input.dataset.moneyBound) { return; }
      input.dataset.moneyBound = "1";
      input.addEventListener("input", function () {
        formatInput(input);
        if (input.form) { updateSupport(input.form); }
      });
      if (input.form) { updateSupport(input.form); }
    });
  }

  document.addEventListener("DOMContentLoaded", function () { bind(document); });
  document.addEventListener("htmx:afterSwap", function (event) { bind(event.target); });
})();
