/* search.js — the search on /tim-kiem/ (templates/search.mustache).
 *
 * Reads ?q= (and the filters ?linh-vuc=, ?cap=, ?truc-tuyen=, the page
 * ?trang=) and answers from the static index written by the generator
 * (generator/search_index.h documents the files). It fetches only what the
 * query needs: one dictionary shard per syllable and per pair of adjacent
 * syllables, a syllable's own file when it is a common one, the filters
 * file when a filter is set, and the document files of the shown page.
 *
 * Matching: the query is split into syllables exactly as the generator
 * splits text (generator/syllables.h) and folded the same way (marks
 * removed, đ -> d, lowercase), so "dang ky" finds "Đăng ký". Every syllable
 * must match (if no page has them all, the pages with the most are shown
 * as near matches). Score per syllable by its strongest field (title >
 * code > headings > summary > body), plus: the exact written form when the
 * query has marks ("hôn" before "hơn"), adjacent query syllables adjacent
 * in the page (title, headings, summary), and a short title made of just
 * the query; procedures in force get a small lift (data-procedures). Equal
 * scores keep the generator's order.
 *
 * Plain ES5 plus fetch and Unicode regular expressions; no dependencies.
 * Results are built with DOM nodes and text, never with HTML strings.
 */
(function () {
  'use strict';
  var root = document.getElementById('search');
  if (!root || !window.fetch) return;
  var D = root.dataset;
  var $ = function (id) { return document.getElementById(id); };
  var status = $('search-status'), list = $('search-list'), pages = $('search-pages');
  var help = $('search-help');
  var more = document.querySelector('.search-more');
  if (more) more.hidden = false; /* the filters work with this script only */

  var ALPHA = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_';
  var DIGIT = {};
  for (var i = 0; i < 64; i++) DIGIT[ALPHA.charAt(i)] = i;
  var MAX_TERMS = 12, PER_PAGE = 10;
  var N = +D.docs, SHARDS = +D.shards, PER_FILE = +D.perFile;
  var PROC = (D.procedures || '0 0').split(' ').map(Number);
  var SPECIAL = { 'đ': 'd', 'ð': 'd', 'ø': 'o', 'ł': 'l', 'ß': 'ss', 'æ': 'ae', 'œ': 'oe',
    'þ': 'th', 'ı': 'i', 'ħ': 'h' };
  var MARKS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
  var SYLLABLE;
  try {
    SYLLABLE = new RegExp('(?:[\\p{L}\\p{M}\\p{N}]*\\p{N}\\.(?=[\\p{L}\\p{N}]))*[\\p{L}\\p{M}\\p{N}]+', 'gu');
  } catch (e) {
    SYLLABLE = /(?:[^\s!-\/:-@[-`{-~]*\d\.(?=[^\s!-\/:-@[-`{-~]))*[^\s!-\/:-@[-`{-~\u00a0-\u00bf\u2000-\u206f]+/g;
  }

  function syllables(text) { return text.match(SYLLABLE) || []; }
  function lower(s) { return s.normalize('NFC').toLowerCase(); }
  function fold(s) {
    return s.toLowerCase().normalize('NFD').replace(MARKS, '')
      .replace(/[đðøłßæœþıħ]/g, function (c) { return SPECIAL[c]; }).normalize('NFC');
  }
  function hash(s) {
    var b = unescape(encodeURIComponent(s)), h = 0x811c9dc5;
    for (var i = 0; i < b.length; i++) h = Math.imul(h ^ b.charCodeAt(i), 16777619) >>> 0;
    return h;
  }
  function word(key, map) {
    return (D[key] || '').replace(/\{(\w)\}/g, function (m, k) { return k in map ? map[k] : m; });
  }

  /* ---- fetching ---- */
  var cache = {};
  function get(path) {
    if (!cache[path]) {
      cache[path] = fetch(D.index + path + '?v=' + D.version).then(function (r) {
        if (!r.ok) throw new Error(path + ': ' + r.status);
        return r.json();
      });
    }
    return cache[path];
  }
  function entry(key) {
    var k = hash(key) % SHARDS;
    return get('t/' + k + '.json').then(function (shard) {
      var e = Object.prototype.hasOwnProperty.call(shard, key) ? shard[key] : null;
      return typeof e === 'number' ? get('w/' + k + '-' + e + '.json') : e;
    });
  }

  /* ---- decoding (generator/search_index.h) ---- */
  function numbers(s, from) {
    var out = [], v = 0, mul = 1;
    for (var i = from; i < s.length; i++) {
      var d = DIGIT[s.charAt(i)];
      if (d >= 32) { v += (d - 32) * mul; mul *= 32; } else { out.push(v + d * mul); v = 0; mul = 1; }
    }
    return out;
  }
  function eachStrong(s, fn) {
    var n = numbers(s, 0), doc = 0;
    for (var i = 0; i + 1 < n.length; i += 2) { doc += n[i]; fn(doc, n[i + 1]); }
  }
  function eachBody(s, fn) {
    if (s.charAt(0) === '~') {
      for (var i = 1; i < s.length; i++) {
        var bits = DIGIT[s.charAt(i)];
        for (var k = 0; k < 6; k++) if (bits & (1 << k)) fn((i - 1) * 6 + k);
      }
      return;
    }
    var n = numbers(s, 0), doc = 0;
    for (var j = 0; j < n.length; j++) { doc += n[j]; fn(doc); }
  }

  /* Field bits per document for one query syllable; 32 = exact form. */
  function termMask(e, exact, titleLen) {
    var m = new Uint8Array(N);
    for (var v = 0; e && v + 2 < e.length; v += 3) {
      var x = exact !== null && e[v] === exact ? 32 : 0;
      eachStrong(e[v + 1], function (d, val) {
        m[d] |= (val & 15) | x;
        if (val & 1) titleLen[d] = val >> 4;
      });
      eachBody(e[v + 2], function (d) { m[d] |= 16 | x; });
    }
    return m;
  }
  function pairMask(e) {
    var m = new Uint8Array(N);
    if (typeof e === 'string') eachStrong(e, function (d, val) { m[d] |= val & 15; });
    return m;
  }

  /* ---- ranking ---- */
  function fieldScore(m) {
    if (!m) return 0;
    var s = m & 1 ? 100 : m & 2 ? 90 : m & 4 ? 35 : m & 8 ? 25 : 10;
    return s + (m & 4 ? 2 : 0) + (m & 8 ? 1 : 0) + (m & 16 ? 1 : 0) + (m & 32 ? 12 : 0);
  }
  function score(d, masks, pairs, titleLen) {
    var s = d >= PROC[0] && d < PROC[1] ? 8 : 0, hits = 0, inTitle = 0, pairsInTitle = 0;
    for (var t = 0; t < masks.length; t++) {
      var m = masks[t][d];
      if (m) hits++;
      if (m & 1) inTitle++;
      s += fieldScore(m);
    }
    for (var p = 0; p < pairs.length; p++) {
      var b = pairs[p][d];
      if (b & 1) pairsInTitle++;
      s += b & 1 ? 60 : b & 4 ? 25 : b & 8 ? 15 : 0;
    }
    if (inTitle === masks.length) {
      var extra = Math.max(0, titleLen[d] - masks.length);
      s += 60 - Math.min(extra, 10) * 6;
      if (!extra && pairsInTitle === pairs.length) s += 200;
    }
    return { doc: d, score: s, hits: hits };
  }

  function filterOk(f, d, p) {
    if (p.field && f.f[d] !== f.fields.indexOf(p.field) + 1) return false;
    var lv = { tinh: 't', huyen: 'h', xa: 'x' }[p.level];
    if (p.level && f.l.charAt(d) !== lv) return false;
    var o = f.o.charAt(d);
    if (p.online === 'co') return o === 'f' || o === 'p';
    return !p.online || o === (p.online === 'toan-trinh' ? 'f' : 'p');
  }

  function rank(terms, tokens, p) {
    var keys = [], pairKeys = [];
    for (var i = 0; i < terms.length; i++) if (keys.indexOf(terms[i]) < 0) keys.push(terms[i]);
    for (var j = 0; j + 1 < terms.length; j++) pairKeys.push(terms[j] + ' ' + terms[j + 1]);
    var filtered = p.field || p.level || p.online;
    return Promise.all([
      Promise.all(keys.map(entry)), Promise.all(pairKeys.map(entry)),
      filtered ? get('f.json') : null
    ]).then(function (r) {
      var titleLen = new Uint8Array(N);
      var masks = r[0].map(function (e, k) {
        var t = tokens[terms.indexOf(keys[k])], l = lower(t);
        return termMask(e, l !== fold(t) ? l : null, titleLen);
      });
      var pairs = r[1].map(pairMask), found = [], best = 1;
      for (var d = 0; d < N; d++) {
        if (filtered && !filterOk(r[2], d, p)) continue;
        var s = score(d, masks, pairs, titleLen);
        if (!s.hits) continue;
        found.push(s);
        if (s.hits > best) best = s.hits;
      }
      found = found.filter(function (s) { return s.hits === best; });
      found.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
      return { docs: found, approx: best < keys.length };
    });
  }

  /* ---- showing ---- */
  function highlight(el, text, terms) {
    var last = 0, m;
    SYLLABLE.lastIndex = 0;
    while ((m = SYLLABLE.exec(text))) {
      if (terms.indexOf(fold(m[0])) < 0) continue;
      el.appendChild(document.createTextNode(text.slice(last, m.index)));
      var mark = document.createElement('mark');
      mark.textContent = m[0];
      el.appendChild(mark);
      last = m.index + m[0].length;
    }
    el.appendChild(document.createTextNode(text.slice(last)));
    return el;
  }
  function el(tag, cls) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    return e;
  }
  function item(rec, terms) {
    var li = el('li', 'search-item'), h = el('h2', 'search-item-title'), a = el('a');
    a.href = D.base + rec[0];
    h.appendChild(highlight(a, rec[1], terms));
    li.appendChild(h);
    var meta = el('p', 'search-meta');
    meta.textContent = (D['k' + rec[2].toUpperCase()] || '') + (rec[3] ? ' · ' + rec[3] : '');
    li.appendChild(meta);
    if (rec[4]) li.appendChild(highlight(el('p', 'search-snippet'), rec[4], terms));
    return li;
  }
  function pageLink(n, label, rel) {
    var params = new URLSearchParams(location.search), a = el('a');
    params.set('trang', n);
    a.href = '?' + params.toString();
    a.textContent = label;
    if (rel) a.rel = rel;
    var li = el('li', rel);
    li.appendChild(a);
    return li;
  }
  function showPages(page, total) {
    pages.textContent = '';
    pages.hidden = total < 2;
    if (total < 2) return;
    var ul = el('ul');
    if (page > 1) ul.appendChild(pageLink(page - 1, D.wPrev, 'prev'));
    var cur = el('li');
    cur.textContent = word('wPage', { p: page, t: total });
    cur.setAttribute('aria-current', 'page');
    ul.appendChild(cur);
    if (page < total) ul.appendChild(pageLink(page + 1, D.wNext, 'next'));
    pages.appendChild(ul);
  }
  function show(res, terms, q, page, long) {
    var total = Math.max(1, Math.ceil(res.docs.length / PER_PAGE));
    page = Math.min(Math.max(1, page), total);
    var shown = res.docs.slice((page - 1) * PER_PAGE, page * PER_PAGE);
    var files = [];
    shown.forEach(function (s) {
      var f = Math.floor(s.doc / PER_FILE);
      if (files.indexOf(f) < 0) files.push(f);
    });
    return Promise.all(files.map(function (f) { return get('d/' + f + '.json'); })).then(function (got) {
      list.textContent = '';
      shown.forEach(function (s) {
        var rec = got[files.indexOf(Math.floor(s.doc / PER_FILE))][s.doc % PER_FILE];
        if (rec) list.appendChild(item(rec, terms));
      });
      var n = res.docs.length.toLocaleString('vi-VN');
      var text = word(!res.docs.length ? 'wNone' : res.approx ? 'wApprox' : 'wCount', { n: n, q: q });
      status.textContent = text + (long ? ' ' + D.wLong : '');
      help.hidden = res.docs.length > 0;
      showPages(page, total);
      root.setAttribute('data-state', res.docs.length ? 'done' : 'none');
    });
  }

  function params() {
    var u = new URLSearchParams(location.search);
    return {
      q: (u.get('q') || '').trim(), page: parseInt(u.get('trang'), 10) || 1,
      field: u.get('linh-vuc') || '', level: u.get('cap') || '', online: u.get('truc-tuyen') || ''
    };
  }
  function fillForm(p) {
    ['tu-khoa', 'q'].forEach(function (id) { if ($(id)) $(id).value = p.q; });
    var sel = { 'loc-linh-vuc': p.field, 'loc-cap': p.level, 'loc-truc-tuyen': p.online };
    for (var id in sel) if ($(id)) $(id).value = sel[id];
    if (more && (p.field || p.level || p.online)) more.open = true;
  }

  function run() {
    var p = params();
    fillForm(p);
    var tokens = syllables(p.q), long = tokens.length > MAX_TERMS;
    tokens = tokens.slice(0, MAX_TERMS);
    if (!tokens.length) {
      status.textContent = D.wEmpty;
      root.setAttribute('data-state', 'empty');
      return;
    }
    document.title = '“' + p.q.slice(0, 60) + '” · ' + document.title;
    status.textContent = D.wLoading;
    var terms = tokens.map(fold);
    rank(terms, tokens, p).then(function (res) {
      return show(res, terms, p.q.length > 80 ? p.q.slice(0, 80) + '…' : p.q, p.page, long);
    }).catch(function () {
      status.textContent = D.wError;
      help.hidden = false;
      root.setAttribute('data-state', 'error');
    });
  }
  run();
})();
