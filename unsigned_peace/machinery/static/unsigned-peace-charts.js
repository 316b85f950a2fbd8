// Draw every chart on the page from its inert JSON spec (see unsigned_peace/charts/render.py).
// Each chart is drawn on its own: one that fails logs the error, tells the reader that its data is in
// the table below it, and leaves the others to draw. `data-up-state` records the outcome.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-up-chart]").forEach(function (plot) {
    function failed(error) {
      plot.dataset.upState = "failed";
      plot.classList.add("up-chart-failed");
      plot.style.minHeight = "";
      plot.textContent = "This chart could not be drawn. Its data and source are given below it.";
      var details = plot.parentElement.querySelector("details");
      if (details) details.open = true;
      console.error("Chart " + plot.parentElement.id + " could not be drawn:", error);
    }
    try {
      var spec = JSON.parse(plot.parentElement.querySelector(".up-chart-spec").textContent);
      Plotly.newPlot(plot, spec.figure.data, spec.figure.layout, spec.config).then(
        function () { plot.dataset.upState = "drawn"; }, failed);
    } catch (error) {
      failed(error);
    }
  });
});
