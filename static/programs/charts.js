// Draw the dashboard's charts from the JSON that json_script put in the page (CSP: no inline JS).
(function () {
  "use strict";

  function draw(canvas) {
    var source = document.getElementById(canvas.getAttribute("data-source"));
    if (!source || !window.Chart) { return; }
    var data = JSON.parse(source.textContent);
    // Like with like: a growth indicator plots its yearly growth (%) against its %/year target.
    var datasets = [{
      type: "bar",
      label: canvas.getAttribute(data.is_growth ? "data-label-growth" : "data-label-actual"),
      data: data.series,
      backgroundColor: "rgba(11, 79, 138, 0.75)"
    }];
    if (data.target_min.some(function (v) { return v !== null; })) {
      datasets.push({
        type: "line",
        label: canvas.getAttribute("data-label-target"),
        data: data.target_min,
        borderColor: "#b35c00",
        backgroundColor: "#b35c00",
        spanGaps: true
      });
    }
    new window.Chart(canvas, {
      data: { labels: data.labels, datasets: datasets },
      options: {
        responsive: true,
        animation: false,
        scales: {
          y: {
            beginAtZero: true,
            suggestedMax: data.suggested_max,  // room above the highest bar: nothing clipped
            grace: "5%",
            ticks: data.integer ? { precision: 0, stepSize: data.suggested_max <= 10 ? 1 : undefined } : {}
          }
        },
        plugins: { legend: { position: "bottom" } }
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("canvas.kpi-chart").forEach(draw);
  });
})();
