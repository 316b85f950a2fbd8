// Every chart arrives as its picture: an SVG the build drew (unsigned_peace/machinery/chart_output.py), in the
// page's HTML, so it shows from the first paint, with no script and on a phone, where the page shows the
// phone's picture. The interactive chart replaces it only when the reader reaches for that chart: a tap or
// a click on it, keyboard focus, or the pointer resting on it. Only then is plotly.js (about 1 MB) fetched
// from beside this script, so reading a page costs no script work at all.
// The reader's move is answered at once (the card says the interactive chart is loading); the work starts
// after that answer is painted. The card's `data-up-state` records it: "waking", then "drawn" or "failed".
// A chart that fails keeps its picture and says so; the others are not affected.
(function () {
  var here = document.currentScript ? document.currentScript.src : "";
  var plotlySource = here.replace(/unsigned-peace-charts\.js(\?.*)?$/, "plotly.min.js");
  var plotlyLoaded = null;
  // How long the pointer rests on a chart before it counts as reaching for it (not just passing over it).
  var REST_MS = 400;

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

  function failed(card, error) {
    card.dataset.upState = "failed";
    var hint = card.querySelector(".up-chart-hint");
    if (hint) hint.textContent = "The interactive chart could not be loaded: the picture above and the data below it show the same.";
    console.error("Chart " + card.id + " could not be drawn:", error);
  }

  // Where the page shows a chart's phone picture, the live chart takes the phone's layout too (the same
  // media query, read from the picture's <source>), merged into the figure's layout one level deep.
  function onPhone(card) {
    var source = card.querySelector(".up-chart-picture source");
    return !!(source && source.media && window.matchMedia(source.media).matches);
  }

  function fitPhone(figure, config, phone) {
    var changes = (phone && phone.layout) || {};
    Object.keys(changes).forEach(function (key) {
      var change = changes[key];
      figure.layout[key] = change && typeof change === "object" && !Array.isArray(change)
        ? Object.assign({}, figure.layout[key], change) : change;
    });
    // On a phone the toolbar would sit on the chart's own labels; pinching and dragging still zoom and pan.
    config.displayModeBar = false;
  }

  function draw(card) {
    var plot = card.querySelector("[data-up-chart]");
    var picture = card.querySelector(".up-chart-picture");
    var hadFocus = picture && picture.contains(document.activeElement);
    return loadPlotly().then(function (Plotly) {
      var spec = JSON.parse(card.querySelector(".up-chart-spec").textContent);
      if (onPhone(card)) fitPhone(spec.figure, spec.config, spec.phone);
      // As tall as the picture it replaces, which scales with the column: nothing below it moves.
      var shown = picture ? picture.getBoundingClientRect().height : 0;
      if (shown > 0) spec.figure.layout.height = Math.round(shown);
      return Plotly.newPlot(plot, spec.figure.data, spec.figure.layout, spec.config);
    }).then(function () {
      card.dataset.upState = "drawn";
      plot.removeAttribute("aria-hidden");
      if (picture) picture.removeAttribute("tabindex");
      if (hadFocus) {
        plot.tabIndex = -1;
        plot.focus({ preventScroll: true });
      }
      document.dispatchEvent(new CustomEvent("up-chart-drawn", { detail: card }));
    }, function (error) { failed(card, error); });
  }

  function wake(card) {
    if (card.dataset.upState) return;
    card.dataset.upState = "waking";
    // Two frames: the "loading" answer is painted before plotly.js is parsed and the chart drawn.
    requestAnimationFrame(function () { setTimeout(function () { draw(card); }, 0); });
  }

  function listen(card) {
    var picture = card.querySelector(".up-chart-picture");
    if (!picture) return;
    // A control for keyboards and screen readers; its name is the picture's alt text.
    picture.tabIndex = 0;
    picture.setAttribute("role", "button");
    picture.setAttribute("aria-describedby", card.id + "-hint");
    var resting = null;
    picture.addEventListener("click", function () { wake(card); });
    picture.addEventListener("focus", function () { wake(card); });
    picture.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        wake(card);
      }
    });
    picture.addEventListener("pointerenter", function (event) {
      if (event.pointerType !== "mouse") return;
      resting = setTimeout(function () { wake(card); }, REST_MS);
    });
    picture.addEventListener("pointerleave", function () { clearTimeout(resting); });
  }

  function start() {
    var cards = Array.prototype.slice.call(document.querySelectorAll(".up-chart"));
    cards.forEach(listen);
    document.documentElement.classList.add("up-charts-live");
    // Another part of the page that works on the live charts (the chronology's filter) asks for them.
    document.addEventListener("up-chart-wake", function () { cards.forEach(wake); });
    if (document.documentElement.dataset.upWantCharts) cards.forEach(wake);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
