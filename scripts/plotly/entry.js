// The plotly.js the HTML book ships: plotly's core with only the traces and components its charts use.
//
// plotly.js's own partial bundles stop at whole families ("basic", "cartesian"); this one also leaves
// out the components no chart of the book draws (images, menus, range sliders and selectors, error bars,
// 3-D annotations); the island map's history needs the slider, which plotly looks up by name and skips when absent. (Shapes and
// selections stay: the legend and the cartesian axes read them.) It
// mirrors plotly.js/src/core.js of the version pinned in package.json; the browser tests draw every
// chart of the book with it and hover each one. A chart that needs another trace type or component
// adds it here.
'use strict';

exports.version = require('plotly.js/src/version').version;

require('plotly.js/build/plotcss');

var Registry = require('plotly.js/src/registry');
var register = exports.register = Registry.register;

var plotApi = require('plotly.js/src/plot_api');
Object.keys(plotApi).forEach(function (name) {
    if (name.charAt(0) !== '_') exports[name] = plotApi[name];
    register({moduleType: 'apiMethod', name: name, fn: plotApi[name]});
});

register(require('plotly.js/src/traces/scatter'));
register([
    require('plotly.js/src/components/annotations'),
    require('plotly.js/src/components/selections'),
    require('plotly.js/src/components/shapes'),
    require('plotly.js/src/components/grid'),
    require('plotly.js/src/components/colorscale'),
    require('plotly.js/src/components/colorbar'),
    require('plotly.js/src/components/legend'),
    require('plotly.js/src/components/fx'),
    require('plotly.js/src/components/modebar'),
    require('plotly.js/src/components/sliders')
]);
register([require('plotly.js/src/locale-en'), require('plotly.js/src/locale-en-us')]);
// The translated editions' words for plotly's own text (the toolbar's tooltips, month and day names, number
// separators): the chart script sets the chart's `locale` from the page's language.
register([require('plotly.js/lib/locales/ja'), require('plotly.js/lib/locales/ru')]);
register([require('plotly.js/lib/bar'), require('plotly.js/lib/heatmap')]);

exports.Icons = require('plotly.js/src/fonts/ploticon');
