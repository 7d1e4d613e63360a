/* canh-bao.js — keeps the banner of urgent and emergency announcements
 * (_alerts.mustache) current on a page that was built earlier and kept in
 * a cache: alerts whose end (data-ends) has passed are removed at once and
 * every minute, and /canh-bao.json, the alerts in force at the latest
 * build (alerts_file.h), replaces the list, so an alert published since
 * appears without the page being built again. Text is set with
 * textContent, never as HTML. Without JavaScript, or when the file cannot
 * be read, the banner stays as the build made it. */
(function () {
  "use strict";
  var banner = document.getElementById("canh-bao");
  if (!banner || !banner.querySelector) return;
  var list = banner.querySelector("ul");
  var english = document.documentElement.lang === "en";

  function ended(iso) {
    var t = Date.parse(iso || "");
    return !isNaN(t) && t <= Date.now();
  }
  function show() { banner.hidden = list.children.length === 0; }
  function prune() {
    var items = Array.prototype.slice.call(list.children);
    for (var i = 0; i < items.length; i++)
      if (ended(items[i].getAttribute("data-ends"))) list.removeChild(items[i]);
    show();
  }
  function item(a) {
    var tpl = document.getElementById("canh-bao-" + a.level);
    if (!tpl || !tpl.content || typeof a.url !== "string" || typeof a.title !== "string") return null;
    var li = tpl.content.firstElementChild.cloneNode(true);
    if (a.ends) li.setAttribute("data-ends", a.ends);
    var link = li.querySelector("a");
    link.setAttribute("href", a.url);
    link.querySelector("span").textContent = a.title;
    var what = li.querySelector(".instruction");
    if (a.instruction) what.textContent = a.instruction;
    else what.parentNode.removeChild(what);
    var until = li.querySelector(".until");
    var text = a.ends_text && (english ? a.ends_text.en : a.ends_text.vi);
    if (text) until.querySelector(".until-date").textContent = text;
    else until.parentNode.removeChild(until);
    return li;
  }
  function update(data) {
    if (!data || !Array.isArray(data.alerts)) return;
    var items = [];
    for (var i = 0; i < data.alerts.length; i++) {
      var a = data.alerts[i];
      if (!a || ended(a.ends)) continue;
      var li = item(a);
      if (li) items.push(li);
    }
    while (list.firstChild) list.removeChild(list.firstChild);
    for (var k = 0; k < items.length; k++) {
      list.appendChild(items[k]);
      list.appendChild(document.createTextNode("\n"));
    }
    show();
  }

  prune();
  setInterval(prune, 60000);
  if (!window.fetch) return;
  fetch(banner.getAttribute("data-src"), { cache: "no-cache", credentials: "same-origin" })
    .then(function (r) { return r.ok ? r.json() : null; })
    .then(update, function () {});
})();
