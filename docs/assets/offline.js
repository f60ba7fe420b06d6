/* Offline reading: once the page has loaded, register its language's worker,
   <lang>/sw.js (site/offline.py); not under `mkdocs serve` (inline scripts). */
(function () {
  var policy = document.querySelector('meta[http-equiv="Content-Security-Policy"]');
  if (!("serviceWorker" in navigator) || !policy || /script-src[^;]*inline/.test(policy.content)) return;
  var base = document.currentScript.src.replace(/assets\/offline\.js$/, "");
  var worker = base + document.documentElement.lang + "/sw.js";
  if (location.href.indexOf(worker.slice(0, -5)) !== 0) return;
  addEventListener("load", function () { navigator.serviceWorker.register(worker).catch(function () {}); });
})();
