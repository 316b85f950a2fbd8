// Regions that scroll sideways (a wide table, code, a cell's output) must be reachable by keyboard.
// The theme marks them (tabindex 0) when it starts, then 300 ms after a resize or a change of the
// content; but style sheets and fonts that finish loading later, or a chart just drawn, can make a
// region overflow in between. Mark such regions at once then too. (Unmarking stays the theme's.)
(function () {
  var REGIONS = "pre, .cell_output > .output, .pst-scrollable-table-container, .up-chart-frame";

  function markScrollingRegions() {
    document.querySelectorAll(REGIONS).forEach(function (region) {
      if (region.scrollWidth > region.clientWidth || region.scrollHeight > region.clientHeight) {
        region.tabIndex = 0;
      }
    });
  }

  window.addEventListener("load", markScrollingRegions);
  if (document.fonts && document.fonts.ready) document.fonts.ready.then(markScrollingRegions);
  // The chart script sends this as each chart is drawn, before it marks the chart drawn.
  document.addEventListener("up-chart-drawn", markScrollingRegions);
})();
