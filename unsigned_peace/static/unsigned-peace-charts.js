// Draw every chart on the page from its inert JSON spec (see unsigned_peace/charts/render.py).
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-up-chart]").forEach(function (plot) {
    var spec = JSON.parse(plot.parentElement.querySelector(".up-chart-spec").textContent);
    Plotly.newPlot(plot, spec.figure.data, spec.figure.layout, spec.config);
  });
});
