// Regions that scroll sideways (a wide table, code, a cell's output) must be reachable by keyboard.
// The theme marks them (tabindex 0) when it starts, then 300 ms after a resize or a change of the
// content; but style sheets and fonts that finish loading later, or a chart just drawn, can make a
// region overflow in between. Mark such regions at once then too.
// The theme's own regions that do not scroll get the -1 its start gives them, and every region is read
// before any is set: its start sets each region's tabindex and then reads the next one's width, and
// each tabindex that changes makes the browser work out the styles of that region's whole content
// again before the next read (a dozen times on a chapter, a few hundred milliseconds on a slow phone).
// Set here first, after the style sheets apply (they change what scrolls), its start changes nothing.
(function () {
  // The regions of pydata-sphinx-theme's addTabStopsToScrollableElements that the book's pages hold
  // (machinery/wiring/contacts.py), and the book's own chart frames.
  var THEMES = "pre, .cell_output > .output, .pst-scrollable-table-container";
  var REGIONS = THEMES + ", .up-chart-frame";

  // A long part not laid out yet (html/later_layout.py) shows no overflow: it stays reachable, and is
  // laid out as soon as it has the focus.
  function laidOut(region) {
    var content = region.firstElementChild;
    return !content || !content.checkVisibility || content.checkVisibility({ contentVisibilityAuto: true });
  }

  // A region not drawn at all (code in a closed "Show code") has nothing to scroll (as the theme finds), and
  // reading its size would make the browser lay its content out for the question alone: it is looked at
  // again when it opens.
  function drawn(region) {
    return !region.checkVisibility || region.checkVisibility();
  }

  function markScrollingRegions() {
    var regions = Array.prototype.slice.call(document.querySelectorAll(REGIONS));
    var stops = regions.map(function (region) {
      if (drawn(region) && (!laidOut(region) || region.scrollWidth > region.clientWidth
                            || region.scrollHeight > region.clientHeight)) {
        return "0";
      }
      return region.matches(THEMES) ? "-1" : null;
    });
    regions.forEach(function (region, index) {
      var stop = stops[index];
      if (stop !== null && region.getAttribute("tabindex") !== stop) region.setAttribute("tabindex", stop);
    });
  }

  window.addEventListener("load", markScrollingRegions);
  document.addEventListener("up-sheets-applied", markScrollingRegions);
  // A disclosure opened ("Show code", a chart's data): what it shows may scroll. (The event does not bubble.)
  document.addEventListener("toggle", markScrollingRegions, true);
  // Fonts that finish loading (not document.fonts.ready, which is settled while the page is still read in,
  // when reading a size makes the browser lay out what it has so far).
  if (document.fonts && document.fonts.addEventListener) {
    document.fonts.addEventListener("loadingdone", markScrollingRegions);
  }
  // The chart script sends this as each chart is drawn, before it marks the chart drawn.
  document.addEventListener("up-chart-drawn", markScrollingRegions);
  // Long parts are laid out only when near the screen: look again when one is. Until then the theme,
  // which finds no overflow in a region not laid out, would unmark it: mark it again at once (before
  // any other task can meet it unmarked).
  var later = document.querySelector("style[data-up-later]");
  if (later) {
    var keepReachable = new MutationObserver(function (changes) {
      changes.forEach(function (change) {
        if (change.target.tabIndex !== 0 && !laidOut(change.target)) change.target.tabIndex = 0;
      });
    });
    document.querySelectorAll(later.dataset.upLater).forEach(function (part) {
      part.addEventListener("contentvisibilityautostatechange", function (event) {
        if (!event.skipped) markScrollingRegions();
      });
      if (part.matches(REGIONS)) keepReachable.observe(part, { attributes: true, attributeFilter: ["tabindex"] });
    });
  }
})();
