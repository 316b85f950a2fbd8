// Every chart arrives as its picture: an SVG the build drew (unsigned_peace/machinery/content/charts.py), in the
// page's HTML, so it shows from the first paint, with no script and on a phone, where the page shows the
// phone's picture. The interactive chart replaces it only when the reader reaches for that chart: a tap or
// a click on it, keyboard focus, or the pointer resting on it. Only then are plotly.js (about 1 MB, from
// beside this script) and the chart's spec (a script file named by the card's `data-up-live`, which sets
// `window.upChartSpecs[its name]`) fetched, so reading a page costs no script work at all. Script elements,
// not fetch(): they load from a folder opened with no server (file://) too.
// The reader's move is answered at once (the card says the interactive chart is loading); the work starts
// after that answer is painted. The card's `data-up-state` records it: "waking", then "drawn" or "failed".
// A chart that fails keeps its picture and says so; the others are not affected.
// Its words are the edition's (upText: the translations a translated edition writes into window.upTexts).
(function () {
  function upText(message) { return (window.upTexts && window.upTexts[message]) || message; }
  var here = document.currentScript ? document.currentScript.src : "";
  var plotlySource = here.replace(/unsigned-peace-charts\.js(\?.*)?$/, "plotly.min.js");
  var loaded = {};
  // How long the pointer rests on a chart before it counts as reaching for it (not just passing over it).
  var REST_MS = 400;

  function loadScript(source) {
    if (!loaded[source]) {
      loaded[source] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = source;
        script.onload = function () { resolve(); };
        script.onerror = function () { reject(new Error("could not be loaded: " + source)); };
        document.head.appendChild(script);
      });
    }
    return loaded[source];
  }

  function loadPlotly() {
    if (window.Plotly) return Promise.resolve(window.Plotly);
    return loadScript(plotlySource).then(function () { return window.Plotly; });
  }

  function loadSpec(card) {
    var source = card.dataset.upLive || "";
    var name = source.split("/").pop();
    return loadScript(source).then(function () {
      var spec = (window.upChartSpecs || {})[name];
      if (!spec) throw new Error("no chart in " + source);
      return spec;
    });
  }

  function failed(card, error) {
    card.dataset.upState = "failed";
    var hint = card.querySelector(".up-chart-hint");
    if (hint) hint.textContent = upText("The interactive chart could not be loaded: the picture above and the data below it show the same.");
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

  // Elsewhere the toolbar shows at the chart's top right while the pointer is on it, in a strip of its
  // own above the chart (unsigned-peace.css), so that it sits over no legend or label.
  var TOOLBAR_HEIGHT = 28;

  function draw(card) {
    var plot = card.querySelector("[data-up-chart]");
    var picture = card.querySelector(".up-chart-picture");
    var hadFocus = picture && picture.contains(document.activeElement);
    return Promise.all([loadPlotly(), loadSpec(card)]).then(function (both) {
      var Plotly = both[0], spec = both[1];
      var phone = onPhone(card);
      if (phone) fitPhone(spec.figure, spec.config, spec.phone);
      else {
        card.classList.add("up-chart-toolbar-strip");
        card.style.setProperty("--up-toolbar-height", TOOLBAR_HEIGHT + "px");
      }
      // As tall as the picture it replaces, which scales with the column: nothing below it moves.
      var shown = picture ? picture.getBoundingClientRect().height : 0;
      if (shown > 0) spec.figure.layout.height = Math.round(shown) - (phone ? 0 : TOOLBAR_HEIGHT);
      // plotly's own words (the toolbar's tooltips) in the page's language: the bundle carries the editions'.
      var language = (document.documentElement.lang || "").split("-")[0];
      if (language && language !== "en") spec.config.locale = language;
      return Plotly.newPlot(plot, spec.figure.data, spec.figure.layout, spec.config);
    }).then(function () {
      mapControls(plot, window.Plotly, plot.layout);
      card.dataset.upState = "drawn";
      plot.removeAttribute("aria-hidden");
      if (picture) picture.removeAttribute("tabindex");
      if (hadFocus) {
        if (!plot.hasAttribute("tabindex")) plot.tabIndex = -1;
        plot.focus({ preventScroll: true });
      }
      document.dispatchEvent(new CustomEvent("up-chart-drawn", { detail: card }));
    }, function (error) { failed(card, error); });
  }

  // A chart with a slider (the island map's history) can be worked from the keyboard once it has focus:
  // the arrow keys (and Home, End) move the slider, + and - zoom about the middle, 0 goes back to the
  // whole chart. Plotly's slider and zoom are drawn in SVG and take no keys of their own; nor does
  // plotly zoom on a pinch, which these charts, shown on a phone without a toolbar, also answer.
  function mapControls(plot, Plotly, layout) {
    // The maps (dragged to pan) and any chart with a slider.
    var sliders = layout.sliders || [];
    if (!sliders.length && layout.dragmode !== "pan") return;
    var home = { "xaxis.range": (layout.xaxis || {}).range, "yaxis.range": (layout.yaxis || {}).range };
    plot.tabIndex = 0;
    plot.setAttribute("aria-keyshortcuts", (sliders.length ? "ArrowLeft ArrowRight Home End " : "") + "+ - 0");
    function step(index) {
      var steps = sliders[0].steps;
      index = Math.max(0, Math.min(steps.length - 1, index));
      var args = steps[index].args;
      return Plotly.update(plot, args[0], args[1], args[2]).then(function () {
        return Plotly.relayout(plot, { "sliders[0].active": index });
      });
    }
    function zoom(factor) {
      return Plotly.relayout(plot, { "xaxis.range": scaled(plot._fullLayout.xaxis.range, factor),
                                     "yaxis.range": scaled(plot._fullLayout.yaxis.range, factor) });
    }
    // Plotly reads a second finger as a drag: two fingers spreading or closing zoom the map about the
    // middle of the view instead, from the ranges shown when the pinch began.
    var pinch = null, frame = 0;
    function spread(touches) {
      return Math.hypot(touches[0].clientX - touches[1].clientX, touches[0].clientY - touches[1].clientY) || 1;
    }
    function scaled(range, factor) {
      var middle = (range[0] + range[1]) / 2, half = (range[1] - range[0]) / 2 * factor;
      return [middle - half, middle + half];
    }
    plot.addEventListener("touchstart", function (event) {
      if (event.touches.length !== 2) return;
      pinch = { spread: spread(event.touches), x: plot._fullLayout.xaxis.range.slice(),
                y: plot._fullLayout.yaxis.range.slice() };
      event.preventDefault();
      event.stopPropagation();
    }, { capture: true, passive: false });
    plot.addEventListener("touchmove", function (event) {
      if (!pinch || event.touches.length !== 2) return;
      event.preventDefault();
      event.stopPropagation();
      var factor = pinch.spread / spread(event.touches);
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(function () {
        Plotly.relayout(plot, { "xaxis.range": scaled(pinch.x, factor), "yaxis.range": scaled(pinch.y, factor) });
      });
    }, { capture: true, passive: false });
    plot.addEventListener("touchend", function (event) {
      if (event.touches.length < 2) pinch = null;
    }, { capture: true });
    plot.addEventListener("keydown", function (event) {
      var active = sliders.length ? plot.layout.sliders[0].active || 0 : 0;
      var moves = sliders.length
        ? { ArrowLeft: active - 1, ArrowRight: active + 1, Home: 0, End: sliders[0].steps.length - 1 } : {};
      if (event.key in moves) step(moves[event.key]);
      else if (event.key === "+" || event.key === "=") zoom(0.5);
      else if (event.key === "-") zoom(2);
      else if (event.key === "0" && home["xaxis.range"]) Plotly.relayout(plot, home);
      else return;
      event.preventDefault();
    });
  }

  function wake(card) {
    if (card.dataset.upState) return;
    // The answer painted on the picture (unsigned-peace.css shows this attribute while the chart wakes).
    var picture = card.querySelector(".up-chart-picture");
    if (picture) picture.dataset.upLoading = upText("Loading the interactive chart…");
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
