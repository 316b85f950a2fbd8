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
      // A paragraph holds no region: not hundreds of listeners, each reading every region's size.
      if (!part.matches(REGIONS) && !part.querySelector(REGIONS)) return;
      part.addEventListener("contentvisibilityautostatechange", function (event) {
        if (!event.skipped) markScrollingRegions();
      });
      if (part.matches(REGIONS)) keepReachable.observe(part, { attributes: true, attributeFilter: ["tabindex"] });
    });
  }
})();

// Much of a chapter is laid out only when near the screen (html/later_layout.py), with a guessed height
// until then. A link to a part of the same page (the "On this page" list, a cross-reference) puts its
// target at the top of the screen as the guessed heights place it; the parts that then come near the
// screen take their real heights, and the browser's scroll anchoring did not keep the target there (it
// landed up to 3,000 px short). So the target is put back at the top in each frame until it stays there,
// for at most two seconds, and not once the reader scrolls, taps or types.
(function () {
  var later = document.querySelector("style[data-up-later]");
  if (!later || !("requestAnimationFrame" in window)) return;
  var held = null;
  var STILL_FRAMES = 10;
  var MOST_FRAMES = 120;

  function hold(target) {
    var token = held = {};
    var frames = 0;
    var still = 0;
    function step() {
      if (held !== token) return;
      var before = window.scrollY;
      target.scrollIntoView({ block: "start", inline: "nearest", behavior: "instant" });
      still = window.scrollY === before ? still + 1 : 0;
      if (still < STILL_FRAMES && ++frames < MOST_FRAMES) requestAnimationFrame(step);
      else if (held === token) held = null;
    }
    requestAnimationFrame(step);
  }

  function targetOf(link) {
    if (!link.hash || link.pathname !== location.pathname || link.search !== location.search) return null;
    try {
      return document.getElementById(decodeURIComponent(link.hash.slice(1)));
    } catch (malformed) {
      return null;
    }
  }

  ["wheel", "touchstart", "keydown", "mousedown"].forEach(function (type) {
    window.addEventListener(type, function () { held = null; }, { capture: true, passive: true });
  });
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href*='#']");
    var target = link && !event.defaultPrevented && targetOf(link);
    if (target) hold(target);
  });
})();
