// Filter a table's rows in the page (see unsigned_peace/machinery/content/filters.py): the form's inert JSON
// index gives each row's id (its anchor in the first cell) and, per filter, the positions of the row's values
// among the filter's choices (the select's options after its first, which keeps every row); words
// match the row's own visible text. The count of rows shown is announced (a live region), the chart
// whose points carry the rows' ids (a timeline) dims the points of hidden rows, and the choices are
// written to the page's address (?island=kunashir&q=visa), so that the link shares them; opening such
// a link restores them. A link to a row (#event-id) clears any filter that would hide the row.
// Its words and numbers are the edition's: upText gives a translated edition's words (window.upTexts), and
// numbers are grouped as the page's language groups them.
(function () {
  "use strict";

  function upText(message) { return (window.upTexts && window.upTexts[message]) || message; }
  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (whole, name) { return name in values ? values[name] : whole; });
  }
  function normal(text) { return text.replace(/\s+/g, " ").trim().toLowerCase(); }
  var language = document.documentElement.lang || "en";
  function number(value) {
    try { return value.toLocaleString(language === "en" ? "en-US" : language); }
    catch (error) { return value.toLocaleString("en-US"); }  // a language the browser does not know
  }

  function setUp(form) {
    var spec = JSON.parse(form.querySelector(".up-filter-index").textContent);
    var words = form.elements[spec.text.name];
    var count = form.querySelector(".up-filter-count");
    var rows = [], byId = Object.create(null);
    var selects = spec.fields.map(function (name) { return form.elements[name]; });
    spec.rows.forEach(function (row) {
      var anchor = document.getElementById(row[0]);
      var element = anchor && anchor.closest("tr");
      if (!element) return;
      var entry = { id: row[0], places: row.slice(1), element: element, text: null };
      rows.push(entry);
      byId[entry.id] = entry;
    });

    // The chosen option of each filter as its place among the choices (-1: every row), and the words.
    function choices() {
      return { places: selects.map(function (select) { return select.selectedIndex - 1; }),
               text: normal(words.value) };
    }

    function matches(entry, chosen) {
      for (var i = 0; i < chosen.places.length; i++) {
        if (chosen.places[i] >= 0 && entry.places[i].indexOf(chosen.places[i]) < 0) return false;
      }
      if (!chosen.text) return true;
      // A row's words are read at the first search: reading every row's text as the page opens would hold
      // back its first paint.
      if (entry.text === null) entry.text = normal(entry.element.textContent);
      return chosen.text.split(" ").every(function (word) { return entry.text.indexOf(word) >= 0; });
    }

    function dimCharts(shown, all) {
      // Only a live chart can dim its points: a filter that hides rows makes the page's charts live
      // (unsigned-peace-charts.js), whichever of the two scripts starts first.
      if (!all) {
        document.documentElement.dataset.upWantCharts = "yes";
        document.dispatchEvent(new Event("up-chart-wake"));
      }
      if (!window.Plotly) return;
      document.querySelectorAll("[data-up-chart]").forEach(function (plot) {
        if (!Array.isArray(plot.data) || (all && !plot.dataset.upDimmed)) return;
        var traces = [], opacities = [];
        plot.data.forEach(function (trace, index) {
          if (!Array.isArray(trace.ids)) return;
          traces.push(index);
          opacities.push(trace.ids.map(function (id) { return all || shown[id] ? 1 : 0.15; }));
        });
        if (!traces.length) return;
        window.Plotly.restyle(plot, { "marker.opacity": opacities }, traces);
        if (all) delete plot.dataset.upDimmed;
        else plot.dataset.upDimmed = "yes";
      });
    }

    function writeAddress() {
      var query = new URLSearchParams();
      selects.forEach(function (select) {
        if (select.value) query.set(select.name, select.value);
      });
      if (words.value.trim()) query.set(spec.text.name, words.value.trim());
      var search = query.toString();
      history.replaceState(history.state, "", location.pathname + (search ? "?" + search : "") + location.hash);
    }

    function apply(write) {
      var chosen = choices(), shown = Object.create(null), visible = 0;
      rows.forEach(function (entry) {
        var keep = matches(entry, chosen);
        entry.element.hidden = !keep;
        if (keep) {
          visible += 1;
          shown[entry.id] = true;
        }
      });
      var all = visible === rows.length;
      count.textContent = all
        ? fill(upText("Showing all {total} {noun}"), { total: number(rows.length), noun: spec.noun })
        : fill(upText("Showing {shown} of {total} {noun}"),
               { shown: number(visible), total: number(rows.length), noun: spec.noun });
      dimCharts(shown, all);
      if (write) writeAddress();
    }

    function clear() {
      selects.forEach(function (select) { select.value = ""; });
      words.value = "";
      apply(true);
    }

    function readAddress() {
      var query = new URLSearchParams(location.search);
      selects.forEach(function (select) {
        var value = query.get(select.name);
        if (value !== null && Array.prototype.some.call(select.options, function (o) { return o.value === value; })) {
          select.value = value;
        }
      });
      if (query.get(spec.text.name)) words.value = query.get(spec.text.name);
    }

    // A link to a row shows the row, whatever the filter: the reader followed it to read that event.
    function revealTarget() {
      var id;
      try { id = decodeURIComponent(location.hash.slice(1)); } catch (error) { return; }  // a malformed address
      var entry = byId[id];
      if (!entry) return;
      if (entry.element.hidden) clear();
      entry.element.scrollIntoView({ block: "center", behavior: "instant" });
    }

    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("change", function (event) {
      if (event.target.tagName === "SELECT") apply(true);
    });
    words.addEventListener("input", function () { apply(true); });
    form.querySelector(".up-filter-clear").addEventListener("click", clear);
    // A chart drawn later (once the reader reaches for it) follows the filter at once.
    document.addEventListener("up-chart-drawn", function () { apply(false); });
    window.addEventListener("hashchange", revealTarget);
    readAddress();  // the address's choice, or one the browser kept over a reload
    var chosen = choices();
    form.hidden = false;
    // Every row shown: the page already says so, in the edition's words. Saying it again here would cost the
    // browser's number formatting its first use, tens of milliseconds on a slow phone before the first paint.
    if (chosen.text || chosen.places.some(function (place) { return place >= 0; })) apply(false);
    revealTarget();
  }

  function start() {
    document.querySelectorAll("[data-up-filter]").forEach(setUp);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
