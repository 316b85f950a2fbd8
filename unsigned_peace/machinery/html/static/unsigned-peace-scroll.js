// Regions that scroll sideways (a wide table, code, a cell's output) must be reachable by keyboard.
// The theme marks them (tabindex 0) when it starts, then 300 ms after a resize or a change of the
// content; but style sheets and fonts that finish loading later, or a chart just drawn, can make a
// region overflow in between. Mark such regions at once then too. (Unmarking stays the theme's.)
(function () {
  var REGIONS = "pre, .cell_output > .output, .pst-scrollable-table-container, .up-chart-frame";

  // A long part not laid out yet (html/later_layout.py) shows no overflow: it stays reachable, and is
  // laid out as soon as it has the focus.
  function laidOut(region) {
    var content = region.firstElementChild;
    return !content || !content.checkVisibility || content.checkVisibility({ contentVisibilityAuto: true });
  }

  function markScrollingRegions() {
    document.querySelectorAll(REGIONS).forEach(function (region) {
      if (!laidOut(region) || region.scrollWidth > region.clientWidth || region.scrollHeight > region.clientHeight) {
        region.tabIndex = 0;
      }
    });
  }

  window.addEventListener("load", markScrollingRegions);
  if (document.fonts && document.fonts.ready) document.fonts.ready.then(markScrollingRegions);
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
