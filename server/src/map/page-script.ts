// The map page's browser script (plain JavaScript, kept as a string): pan, zoom, fit, search,
// selection and its neighbourhood, reveal and expand requests, the state kept while the panel
// is hidden, and the layout reports. A string rather than a file read at run time because the
// same text must reach the webview and `graph --format html` from both the tsc output (tests)
// and the esbuild bundles (dist/), with no loader or copy step. Its maths is `mapMath`
// (view.ts), embedded before it as `M` and unit-tested; `HOST` is 'vscode' or 'none'.
// The page works on the SVG contract of server/src/map/draw.ts: nodes are `g[data-node]`,
// edges `path.edge[data-from][data-to]`; it pans and zooms by the root's viewBox only.

export const PAGE_SCRIPT = String.raw`
(function () {
  'use strict';
  var api = HOST === 'vscode' && typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : null;
  var saved = (api && api.getState()) || {};
  var state = { views: saved.views || {}, fitted: saved.fitted || {}, selected: saved.selected || null, query: saved.query || '', byPipeline: !!saved.byPipeline, folder: saved.folder || 0 };
  var stage = document.getElementById('sd-stage');
  var search = document.getElementById('sd-search');
  var count = document.getElementById('sd-count');
  var tip = document.getElementById('sd-tip');
  var folderSel = document.getElementById('sd-folder');
  var byPipeline = document.getElementById('sd-by-pipeline');
  var drawings = Array.prototype.slice.call(document.querySelectorAll('.sd-drawing'));
  var matches = [];
  var matchIndex = -1;
  var lastClient = null;
  var reportTimer = 0;

  function post(m) {
    if (api) api.postMessage(m);
  }
  function current() {
    var variant = state.byPipeline ? 'grouped' : 'plain';
    var inFolder = drawings.filter(function (d) { return Number(d.dataset.folder) === state.folder; });
    return inFolder.filter(function (d) { return d.dataset.variant === variant; })[0] || inFolder[0] || drawings[0] || null;
  }
  function svgOf(d) { return d ? d.querySelector('svg') : null; }
  function content(d) {
    if (!d.sdContent) {
      var v = (svgOf(d).getAttribute('viewBox') || '0 0 100 100').trim().split(/[\s,]+/).map(Number);
      d.sdContent = { x: v[0], y: v[1], w: v[2] || 1, h: v[3] || 1 };
    }
    return d.sdContent;
  }
  function client() {
    var r = stage.getBoundingClientRect();
    return { w: Math.max(1, r.width), h: Math.max(1, r.height) };
  }
  function viewBox(d) { return state.views[d.dataset.key] || null; }
  function apply(d) {
    var vb = viewBox(d);
    if (vb) svgOf(d).setAttribute('viewBox', [vb.x, vb.y, vb.w, vb.h].map(function (n) { return +n.toFixed(2); }).join(' '));
  }
  function setView(vb, fitted) {
    var d = current();
    if (!d) return;
    state.views[d.dataset.key] = vb;
    state.fitted[d.dataset.key] = !!fitted;
    apply(d);
    changed();
  }
  function fitView() {
    var d = current();
    if (d) setView(M.fit(content(d), client()), true);
  }
  function zoom(factor, px, py) {
    var d = current();
    if (!d) return;
    var c = client();
    var vb = viewBox(d) || M.fit(content(d), c);
    var p = px === undefined ? { x: vb.x + vb.w / 2, y: vb.y + vb.h / 2 } : M.toSvg(vb, c, px, py);
    setView(M.zoomAt(vb, c, factor, p, M.limits(content(d), c)), false);
  }
  function panBy(dx, dy) {
    var d = current();
    if (!d) return;
    var c = client();
    setView(M.pan(viewBox(d) || M.fit(content(d), c), c, dx, dy), false);
  }
  /** A node's box in drawing units: its own bounding box through the transforms of it and its ancestors up to the root (exact at any zoom, unlike a screen measure). */
  function boxOf(el) {
    var svg = svgOf(current());
    // The node's box (its first rect): text's box grows at small zooms (glyphs are measured as drawn).
    el = el.querySelector('rect') || el;
    var b = el.getBBox();
    var pts = [[b.x, b.y], [b.x + b.width, b.y], [b.x, b.y + b.height], [b.x + b.width, b.y + b.height]];
    for (var n = el; n && n !== svg; n = n.parentNode) {
      var t = n.transform && n.transform.baseVal.consolidate();
      if (!t) continue;
      var m = t.matrix;
      pts = pts.map(function (p) { return [m.a * p[0] + m.c * p[1] + m.e, m.b * p[0] + m.d * p[1] + m.f]; });
    }
    var xs = pts.map(function (p) { return p[0]; });
    var ys = pts.map(function (p) { return p[1]; });
    var x0 = Math.min.apply(null, xs);
    var y0 = Math.min.apply(null, ys);
    return { x: x0, y: y0, w: Math.max.apply(null, xs) - x0, h: Math.max.apply(null, ys) - y0 };
  }

  function nodes(d) { return Array.prototype.slice.call(svgOf(d).querySelectorAll('[data-node]')); }
  function byId(d, id) {
    if (!d.sdById) {
      d.sdById = new Map();
      nodes(d).forEach(function (n) { d.sdById.set(n.getAttribute('data-node'), n); });
    }
    return d.sdById.get(id) || null;
  }

  // Selection and its neighbourhood. A unit's domain parts follow its box in document order.
  function unitsOf(d, el) {
    for (var p = el.previousElementSibling; p; p = p.previousElementSibling) {
      var k = p.getAttribute('data-kind');
      if (k === 'unit') return [p];
      if (k !== 'domain') break;
    }
    return [];
  }
  function partsOf(el) {
    var out = [];
    for (var n = el.nextElementSibling; n && n.getAttribute('data-kind') === 'domain'; n = n.nextElementSibling) out.push(n);
    return out;
  }
  function neighbourhood(d, el) {
    var keep = new Set([el]);
    var ids = new Set([el.getAttribute('data-node')]);
    var kind = el.getAttribute('data-kind');
    var all = nodes(d);
    if (kind === 'domain') {
      // Every part of the domain (a split domain has one in each of its units), their units' boxes,
      // and the edges that end at a part: edges end at the exact domain part they concern.
      var name = el.getAttribute('data-domain');
      all.forEach(function (n) {
        if (n.getAttribute('data-kind') === 'domain' && name && n.getAttribute('data-domain') === name) { keep.add(n); ids.add(n.getAttribute('data-node')); }
      });
      Array.from(keep).forEach(function (n) { unitsOf(d, n).forEach(function (u) { keep.add(u); }); });
    } else if (kind === 'unit') {
      partsOf(el).forEach(function (n) { keep.add(n); ids.add(n.getAttribute('data-node')); });
    }
    svgOf(d).querySelectorAll('path.edge[data-from]').forEach(function (e) {
      var from = e.getAttribute('data-from');
      var to = e.getAttribute('data-to');
      if (!ids.has(from) && !ids.has(to)) return;
      keep.add(e);
      [from, to].forEach(function (id) {
        var n = byId(d, id);
        if (!n) return;
        keep.add(n);
        if (n.getAttribute('data-kind') === 'domain') unitsOf(d, n).forEach(function (u) { keep.add(u); });
      });
    });
    return keep;
  }
  function paintSelection() {
    drawings.forEach(function (d) {
      var svg = svgOf(d);
      svg.classList.remove('sd-focus');
      svg.querySelectorAll('.sd-keep, .sd-anc, .sd-selected').forEach(function (n) { n.classList.remove('sd-keep', 'sd-anc', 'sd-selected'); });
    });
    var d = current();
    var el = d && state.selected ? byId(d, state.selected) : null;
    if (!el) return;
    var svg = svgOf(d);
    svg.classList.add('sd-focus');
    el.classList.add('sd-selected');
    neighbourhood(d, el).forEach(function (n) {
      n.classList.add('sd-keep');
      for (var p = n.parentElement; p && p !== svg; p = p.parentElement) p.classList.add('sd-anc');
    });
  }
  function select(id, centre) {
    state.selected = id;
    paintSelection();
    var d = current();
    var el = d && id ? byId(d, id) : null;
    if (el && centre) setView(M.centreOn(viewBox(d) || M.fit(content(d), client()), client(), boxOf(el)), false);
    else changed();
  }
  function clear() {
    state.selected = null;
    state.query = '';
    if (search) search.value = '';
    matches = [];
    matchIndex = -1;
    showCount();
    paintSelection();
    changed();
  }
  function activate(el) {
    if (!el) return;
    var id = el.getAttribute('data-node');
    if (el.getAttribute('data-kind') === 'group' && el.getAttribute('data-group')) {
      post({ command: 'expand', group: el.getAttribute('data-group') });
      return;
    }
    select(id, false);
    var loc = el.getAttribute('data-loc');
    if (!loc) return;
    if (api) post({ command: 'reveal', node: id, location: JSON.parse(loc) });
    else if (tip) {
      var l = JSON.parse(loc);
      tip.textContent = l.uri + (l.range ? ':' + (l.range.start.line + 1) : '');
    }
  }

  // Search.
  function runSearch(q) {
    state.query = q;
    var d = current();
    matches = d && q.trim() ? M.matchSearch(nodes(d).map(function (n) { return { id: n.getAttribute('data-node'), text: n.getAttribute('data-search') || '' }; }), q) : [];
    matchIndex = matches.length ? 0 : -1;
    showCount();
    if (matches.length) select(matches[0], true);
    else changed();
  }
  function nextMatch(step) {
    if (!matches.length) return;
    matchIndex = (matchIndex + step + matches.length) % matches.length;
    showCount();
    select(matches[matchIndex], true);
  }
  function showCount() {
    if (count) count.textContent = state.query.trim() ? (matches.length ? matchIndex + 1 + ' of ' + matches.length : 'no match') : '';
  }

  // State and the layout report.
  function changed() {
    if (reportTimer) return;
    reportTimer = setTimeout(function () {
      reportTimer = 0;
      if (api) api.setState(state);
      var d = current();
      var report = { command: 'layout', folder: d ? Number(d.dataset.folder) : -1, variant: d ? d.dataset.variant : null, viewBox: null, svg: null, client: null, zoom: null, fitted: false, selected: state.selected, selectedBox: null, kept: [], query: state.query, matches: matches.length, nodes: d ? nodes(d).length : 0 };
      if (d && viewBox(d)) {
        var vb = viewBox(d);
        var c = client();
        var el = state.selected ? byId(d, state.selected) : null;
        report.viewBox = vb;
        report.svg = content(d);
        report.client = c;
        report.zoom = M.scaleOf(vb, c);
        report.fitted = !!state.fitted[d.dataset.key];
        report.selectedBox = el ? boxOf(el) : null;
        report.kept = el ? Array.prototype.map.call(svgOf(d).querySelectorAll('[data-node].sd-keep'), function (n) { return n.getAttribute('data-node'); }) : [];
      }
      window.sdMapLayout = report;
      post(report);
    }, 0);
  }
  function show() {
    var d = current();
    drawings.forEach(function (x) { x.hidden = x !== d; });
    document.body.classList.toggle('by-pipeline', state.byPipeline);
    if (folderSel) folderSel.value = String(state.folder);
    if (byPipeline) byPipeline.checked = state.byPipeline;
    document.querySelectorAll('.sd-folder-legend').forEach(function (l) { l.hidden = Number(l.dataset.folder) !== state.folder; });
    if (!d) return changed();
    var c = client();
    var vb = viewBox(d);
    if (!vb || state.fitted[d.dataset.key]) fitView();
    else {
      if (lastClient && (lastClient.w !== c.w || lastClient.h !== c.h)) state.views[d.dataset.key] = M.resize(vb, lastClient, c);
      apply(d);
    }
    lastClient = c;
    paintSelection();
    if (state.query) runSearchQuiet();
    changed();
  }
  function runSearchQuiet() {
    var d = current();
    matches = M.matchSearch(nodes(d).map(function (n) { return { id: n.getAttribute('data-node'), text: n.getAttribute('data-search') || '' }; }), state.query);
    matchIndex = Math.max(0, matches.indexOf(state.selected));
    showCount();
  }

  // The controls.
  document.getElementById('sd-fit').addEventListener('click', fitView);
  document.getElementById('sd-zoom-in').addEventListener('click', function () { zoom(1.25); });
  document.getElementById('sd-zoom-out').addEventListener('click', function () { zoom(0.8); });
  if (search) {
    search.value = state.query;
    search.addEventListener('input', function () { runSearch(search.value); });
    search.addEventListener('keydown', function (e) {
      if (e.key === 'Enter') { e.preventDefault(); nextMatch(e.shiftKey ? -1 : 1); }
      else if (e.key === 'Escape') { e.preventDefault(); clear(); stage.focus(); }
      e.stopPropagation();
    });
  }
  if (folderSel) {
    folderSel.value = String(state.folder);
    folderSel.addEventListener('change', function () { state.folder = Number(folderSel.value); state.selected = null; show(); });
  }
  if (byPipeline) {
    byPipeline.checked = state.byPipeline;
    byPipeline.addEventListener('change', function () { state.byPipeline = byPipeline.checked; show(); });
  }

  // Pointer: drag pans, a click without a drag selects (and reveals or expands), the wheel zooms at the pointer.
  var drag = null;
  stage.addEventListener('pointerdown', function (e) {
    if (e.button !== 0) return;
    drag = { x: e.clientX, y: e.clientY, moved: false, id: e.pointerId };
  });
  stage.addEventListener('pointermove', function (e) {
    if (!drag || drag.id !== e.pointerId) return;
    var dx = e.clientX - drag.x;
    var dy = e.clientY - drag.y;
    if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
    if (!drag.moved) { drag.moved = true; stage.setPointerCapture(e.pointerId); stage.classList.add('sd-dragging'); }
    drag.x = e.clientX;
    drag.y = e.clientY;
    panBy(dx, dy);
  });
  function endDrag(e) {
    if (!drag) return;
    var wasDrag = drag.moved;
    drag = null;
    stage.classList.remove('sd-dragging');
    if (wasDrag || e.type !== 'pointerup') return;
    var el = e.target.closest && e.target.closest('[data-node]');
    if (el) activate(el);
    else if (state.selected) { state.selected = null; paintSelection(); changed(); }
  }
  stage.addEventListener('pointerup', endDrag);
  stage.addEventListener('pointercancel', endDrag);
  stage.addEventListener('wheel', function (e) {
    e.preventDefault();
    var s = stage.getBoundingClientRect();
    var delta = e.deltaY * (e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? 400 : 1);
    zoom(Math.exp(-delta * 0.0015), e.clientX - s.left, e.clientY - s.top);
  }, { passive: false });

  // Keyboard: + - 0 (or f) zoom and fit, arrows pan, / searches, Enter activates the focused node, Escape clears.
  document.addEventListener('keydown', function (e) {
    if (e.target && (e.target.tagName === 'INPUT' || e.target.tagName === 'SELECT' || e.target.tagName === 'BUTTON') && e.key !== 'Escape') return;
    var step = e.shiftKey ? 240 : 60;
    var node = document.activeElement && document.activeElement.closest ? document.activeElement.closest('[data-node]') : null;
    if (e.key === '+' || e.key === '=') zoom(1.25);
    else if (e.key === '-' || e.key === '_') zoom(0.8);
    else if (e.key === '0' || e.key === 'f') fitView();
    else if (e.key === 'ArrowLeft') panBy(step, 0);
    else if (e.key === 'ArrowRight') panBy(-step, 0);
    else if (e.key === 'ArrowUp') panBy(0, step);
    else if (e.key === 'ArrowDown') panBy(0, -step);
    else if (e.key === '/' && search) search.focus();
    else if (e.key === 'Escape') clear();
    else if ((e.key === 'Enter' || e.key === ' ') && node) activate(node);
    else return;
    e.preventDefault();
  });
  // A node reached with Tab comes into view.
  stage.addEventListener('focusin', function (e) {
    var el = e.target.closest && e.target.closest('[data-node]');
    var d = current();
    if (!el || !d || !viewBox(d)) return;
    var b = boxOf(el);
    var vb = viewBox(d);
    if (b.x < vb.x || b.y < vb.y || b.x + b.w > vb.x + vb.w || b.y + b.h > vb.y + vb.h) setView(M.centreOn(vb, client(), b, M.scaleOf(vb, client())), false);
  });

  // The host's requests (webview only): the same actions as the controls, so tests drive the real paths.
  window.addEventListener('message', function (e) {
    var m = e.data || {};
    var d = current();
    if (m.command === 'search') { if (search) search.value = m.query; runSearch(String(m.query || '')); }
    else if (m.command === 'next') nextMatch(1);
    else if (m.command === 'zoom') zoom(Number(m.factor) || 1);
    else if (m.command === 'pan') panBy(Number(m.dx) || 0, Number(m.dy) || 0);
    else if (m.command === 'fit') fitView();
    else if (m.command === 'clear') clear();
    else if (m.command === 'activate' && d) activate(byId(d, String(m.node)));
    else if (m.command === 'select' && d && byId(d, String(m.node))) select(String(m.node), true);
    else if (m.command === 'folder') { state.folder = Number(m.folder) || 0; show(); }
    else if (m.command === 'report') changed();
  });
  if (typeof ResizeObserver === 'function') new ResizeObserver(function () { show(); }).observe(stage);
  else window.addEventListener('resize', show);
  show();
})();
`;
