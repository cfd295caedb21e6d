/* Sargs consent banner: no dependencies; configured by the server from the policy's cookies section. */
(function (C) {
  "use strict";
  var d = document, w = window, N = "sargs_consent", K = C.categories, stored = read();
  var tag = (d.documentElement.lang || navigator.language || "").slice(0, 2).toLowerCase();
  var T = C.texts[tag] || C.texts[C.defaultLanguage] || C.texts[Object.keys(C.texts)[0]];
  var gpc = (C.gpcHonoured && navigator.globalPrivacyControl === true) || (C.dntHonoured && navigator.doNotTrack === "1");
  var box, A = C.accent || "#0a56b3";

  function read() {
    var m = d.cookie.match(/(?:^|;\s*)sargs_consent=([^;]*)/);
    try { return m ? JSON.parse(decodeURIComponent(m[1])) : null; } catch (e) { return null; }
  }
  function id() {
    var a = new Uint8Array(16); w.crypto.getRandomValues(a);
    return Array.prototype.map.call(a, function (b) { return (b + 256).toString(16).slice(1); }).join("");
  }
  function allowed(k) { return k.required || (!(gpc && k.gpc) && !!(stored && stored.c && stored.c[k.kind])); }
  function gtag() { if (typeof w.gtag === "function") w.gtag.apply(w, arguments); }
  function mode(of) {
    var m = {};
    K.forEach(function (k) { k.consentMode.forEach(function (s) { m[s] = of(k) ? "granted" : "denied"; }); });
    ["ad_storage", "ad_user_data", "ad_personalization", "analytics_storage"].forEach(function (s) { if (!m[s]) m[s] = "denied"; });
    return m;
  }
  function run() {
    var s = d.querySelectorAll('script[type="text/plain"][data-sargs-category]');
    for (var i = 0; i < s.length; i++) {
      var o = s[i], kind = o.getAttribute("data-sargs-category");
      var k = K.filter(function (x) { return x.kind === kind; })[0];
      if (!k || !allowed(k) || o.hasAttribute("data-sargs-done")) continue;
      var n = d.createElement("script");
      for (var j = 0; j < o.attributes.length; j++) {
        var a = o.attributes[j];
        if (a.name !== "type" && a.name !== "data-sargs-category") n.setAttribute(a.name, a.value);
      }
      n.text = o.text;
      o.setAttribute("data-sargs-done", "");
      o.parentNode.insertBefore(n, o.nextSibling);
    }
  }
  function choose(c) {
    var refused = K.every(function (k) { return k.required || !c[k.kind]; });
    stored = { v: (stored && stored.v) || id(), c: c, h: C.cookieHash, t: Date.now(), r: refused };
    d.cookie = N + "=" + encodeURIComponent(JSON.stringify(stored)) + ";path=/;max-age=" + 34128000 + ";SameSite=Lax" +
      (location.protocol === "https:" ? ";Secure" : "");
    gtag("consent", "update", mode(allowed));
    try {
      w.fetch(C.endpoint, { method: "POST", mode: "no-cors", keepalive: true, headers: { "Content-Type": "text/plain" },
        body: JSON.stringify({ visitor_id: stored.v, choices: c, policy_version: C.policyVersion, cookie_hash: C.cookieHash,
          language: tag in C.texts ? tag : C.defaultLanguage, gpc: gpc }) });
    } catch (e) { /* recording is best effort; the choice stands */ }
    close(); run();
    d.dispatchEvent(new CustomEvent("sargs:consent", { detail: c }));
  }
  function all(v) { var c = {}; K.forEach(function (k) { c[k.kind] = k.required || (v && !(gpc && k.gpc)); }); return c; }
  function el(name, attrs, text) {
    var e = d.createElement(name);
    for (var a in attrs) e.setAttribute(a, attrs[a]);
    if (text) e.textContent = text;
    return e;
  }
  function button(text, action) { var b = el("button", { type: "button" }, text); b.onclick = action; return b; }
  function close() { if (box) { box.remove(); box = null; } }
  function open(settings) {
    close();
    box = el("section", { id: "sargs-banner", role: "region", "aria-labelledby": "sargs-title", tabindex: "-1",
      lang: tag in C.texts ? tag : C.defaultLanguage });
    box.appendChild(el("h2", { id: "sargs-title" }, T.title));
    box.appendChild(el("p", {}, T.text));
    if (gpc) box.appendChild(el("p", { "class": "sargs-note" }, T.gpc));
    if (navigator.doNotTrack === "1" && T.dnt) box.appendChild(el("p", { "class": "sargs-note" }, T.dnt));
    var p = el("p"); p.appendChild(el("a", { href: T.noticeURL }, T.notice)); box.appendChild(p);
    if (settings) {
      var boxes = {};
      K.forEach(function (k) {
        var t = T.kinds[k.kind] || { name: k.kind, description: "", cookies: [] };
        var f = el("fieldset"), lbl = el("label"), cb = el("input", { type: "checkbox", name: k.kind });
        cb.checked = allowed(k);
        cb.disabled = k.required || (gpc && k.gpc);
        lbl.appendChild(cb); lbl.appendChild(d.createTextNode(" " + t.name + (k.required ? " (" + T.always + ")" : "")));
        f.appendChild(lbl);
        if (t.description) f.appendChild(el("p", {}, t.description));
        if (t.cookies.length) {
          var det = el("details"), tb = el("table"), hr = el("tr");
          det.appendChild(el("summary", {}, t.count));
          T.headers.forEach(function (h) { hr.appendChild(el("th", { scope: "col" }, h)); });
          tb.appendChild(hr);
          t.cookies.forEach(function (c) { var tr = el("tr"); c.forEach(function (v) { tr.appendChild(el("td", {}, v)); }); tb.appendChild(tr); });
          det.appendChild(tb); f.appendChild(det);
        }
        boxes[k.kind] = cb; box.appendChild(f);
      });
      var row = el("div", { "class": "sargs-buttons" });
      row.appendChild(button(T.save, function () { var c = {}; K.forEach(function (k) { c[k.kind] = boxes[k.kind].checked; }); choose(c); }));
      row.appendChild(button(T.reject, function () { choose(all(false)); }));
      row.appendChild(button(T.accept, function () { choose(all(true)); }));
      box.appendChild(row);
    } else {
      var r = el("div", { "class": "sargs-buttons" });
      r.appendChild(button(T.accept, function () { choose(all(true)); }));
      r.appendChild(button(T.reject, function () { choose(all(false)); }));
      r.appendChild(button(T.settings, function () { open(true); }));
      box.appendChild(r);
    }
    d.body.insertBefore(box, d.body.firstChild);
    // Focus goes to the banner itself, not to one of its buttons: no choice is singled out.
    (settings ? box.querySelector("input:not([disabled])") || box : box).focus();
  }
  var css = el("style", {}, "#sargs-banner{position:fixed;left:1rem;right:1rem;bottom:1rem;max-width:42rem;margin:auto;z-index:2147483647;" +
    "background:#fff;color:#1b1f24;border:2px solid #1b1f24;border-radius:.5rem;padding:1rem 1.25rem;font:1rem/1.5 system-ui,sans-serif;" +
    "box-shadow:0 4px 24px rgba(0,0,0,.25);max-height:80vh;overflow:auto}#sargs-banner:focus{outline:none}#sargs-banner h2{font-size:1.2rem;margin:0 0 .5rem}" +
    "#sargs-banner a{color:" + A + "}#sargs-banner .sargs-note{font-size:.95rem;color:#3d444d}#sargs-banner fieldset{border:1px solid #d0d7de;" +
    "margin:.5rem 0;padding:.5rem .75rem}#sargs-banner .sargs-buttons{display:flex;flex-wrap:wrap;gap:.5rem;margin-top:.75rem;" +
    "position:sticky;bottom:-1rem;background:#fff;padding:.5rem 0 1rem}#sargs-banner table{border-collapse:collapse;font-size:.9rem;width:100%}" +
    "#sargs-banner th,#sargs-banner td{text-align:left;border-bottom:1px solid #d0d7de;padding:.25rem .4rem;vertical-align:top}" +
    "#sargs-banner button{flex:1 1 10rem;font:inherit;padding:.6rem 1rem;border:2px solid " + A + ";border-radius:.4rem;background:" + A + ";" +
    "color:#fff;cursor:pointer}#sargs-banner button:focus-visible,#sargs-banner a:focus-visible,#sargs-banner input:focus-visible" +
    "{outline:3px solid #bf4b00;outline-offset:2px}");
  d.head.appendChild(css);
  gtag("consent", "default", mode(function (k) { return k.required; }));
  function start() {
    var due = !stored || stored.h !== C.cookieHash || (stored.r && Date.now() - stored.t > C.reaskDays * 864e5);
    if (stored && !due) { gtag("consent", "update", mode(allowed)); run(); } else { open(false); }
    d.addEventListener("click", function (e) {
      var t = e.target.closest && e.target.closest("[data-sargs-consent-settings]");
      if (t) { e.preventDefault(); open(true); }
    });
  }
  w.SargsConsent = { open: function () { open(true); }, choices: function () { return stored && stored.c; } };
  if (d.readyState === "loading") d.addEventListener("DOMContentLoaded", start); else start();
})(/*CONFIG*/);
