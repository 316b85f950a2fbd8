// Draw each chart on the page from its inert JSON spec (see unsigned_peace/charts/render.py) when it
// comes near the viewport, once the reader has first scrolled, moved the pointer, touched the screen or
// pressed a key. plotly.js (about 1 MB) is fetched from beside this script only then, so a page opens
// without it, on a phone too, even with a chart on its first screen; until then each chart's box shows
// its text alternative in the space the chart will take (min-height), so nothing moves when it is
// drawn. Before printing, every chart is drawn.
// Each chart is drawn on its own: one that fails logs the error, tells the reader that its data is in
// the table below it, and leaves the others to draw. `data-up-state` records the outcome.
(function () {
  var here = document.currentScript ? document.currentScript.src : "";
  var plotlySource = here.replace(/unsigned-peace-charts\.js(\?.*)?$/, "plotly.min.js");
  var plotlyLoaded = null;

  function loadPlotly() {
    if (!plotlyLoaded) {
      plotlyLoaded = new Promise(function (resolve, reject) {
        if (window.Plotly) return resolve(window.Plotly);
        var script = document.createElement("script");
        script.src = plotlySource;
        script.onload = function () { resolve(window.Plotly); };
        script.onerror = function () { reject(new Error("plotly.js could not be loaded from " + plotlySource)); };
        document.head.appendChild(script);
      });
    }
    return plotlyLoaded;
  }

  function failed(plot, error) {
    plot.dataset.upState = "failed";
    plot.classList.add("up-chart-failed");
    plot.style.minHeight = "";
    plot.textContent = "This chart could not be drawn. Its data and source are given below it.";
    var details = plot.closest(".up-chart").querySelector("details");
    if (details) details.open = true;
    console.error("Chart " + plot.closest(".up-chart").id + " could not be drawn:", error);
  }

  // Narrower than this, a chart keeps this width in a frame that scrolls sideways (see the style sheet);
  // a timeline instead shows the shorter row labels it carries for a phone (unsigned_peace.charts.timeline)
  // and fits the screen.
  var NARROW_PX = 600;

  function fitNarrowScreen(plot, figure) {
    var frame = plot.closest(".up-chart-frame");
    var narrow = (figure.layout.meta || {}).narrow_ticktext;
    if (!frame || frame.clientWidth >= NARROW_PX || !Array.isArray(narrow)) return;
    figure.layout.yaxis.tickmode = "array";
    figure.layout.yaxis.tickvals = figure.layout.yaxis.categoryarray;
    figure.layout.yaxis.ticktext = narrow;
    figure.layout.xaxis = Object.assign({}, figure.layout.xaxis, { nticks: 4 });
    plot.classList.add("up-chart-fits");
  }

  function draw(plot) {
    if (plot.dataset.upState) return;
    plot.dataset.upState = "drawing";
    loadPlotly().then(function (Plotly) {
      var spec = JSON.parse(plot.closest(".up-chart").querySelector(".up-chart-spec").textContent);
      fitNarrowScreen(plot, spec.figure);
      return Plotly.newPlot(plot, spec.figure.data, spec.figure.layout, spec.config);
    }).then(function () {
      document.dispatchEvent(new Event("up-chart-drawn"));
      plot.dataset.upState = "drawn";
    }, function (error) { failed(plot, error); });
  }

  // The first sign of a reader at the page: until then, nothing is fetched or drawn. A scroll counts
  // when the page itself scrolls (listened for without capture: the theme scrolling its sidebar at
  // load does not reach the window).
  var INTERACTIONS = ["wheel", "pointermove", "pointerdown", "touchstart", "keydown"];

  function afterFirstInteraction(callback) {
    var started = false;
    function go() {
      if (started) return;
      started = true;
      INTERACTIONS.forEach(function (name) { window.removeEventListener(name, go, true); });
      window.removeEventListener("scroll", go);
      callback();
    }
    INTERACTIONS.forEach(function (name) {
      window.addEventListener(name, go, { capture: true, passive: true });
    });
    window.addEventListener("scroll", go, { passive: true });
  }

  function start() {
    var plots = Array.prototype.slice.call(document.querySelectorAll("[data-up-chart]"));
    if (!plots.length) return;
    window.addEventListener("beforeprint", function () { plots.forEach(draw); });
    afterFirstInteraction(function () {
      if (!("IntersectionObserver" in window)) {
        plots.forEach(draw);
        return;
      }
      // Started a little before a chart scrolls into view, so it is there when the reader gets to it.
      var observer = new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) {
          if (entry.isIntersecting) {
            observer.unobserve(entry.target);
            draw(entry.target);
          }
        });
      }, { rootMargin: "200px 0px" });
      plots.forEach(function (plot) { observer.observe(plot); });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
