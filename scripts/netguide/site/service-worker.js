/* Offline reading, <lang>/sw.js: see netguide/site/offline.py, which sets V. */
var C = "netguide-" + V, P = C.replace(/[^-]*$/, "");
self.addEventListener("install", e => e.waitUntil(
  fetch("offline.json", { cache: "no-cache" }).then(r => r.json())
    .then(m => caches.open(C).then(c => c.addAll(m.files.map(u => new Request(u, { cache: "reload" })))))
    .then(() => self.skipWaiting())));
/* Drop this language's older caches, keeping the PDFs they held. */
self.addEventListener("activate", e => e.waitUntil(caches.keys().then(names => Promise.all(
  names.filter(n => n !== C && n.startsWith(P)).map(n => caches.open(n)
    .then(old => old.keys().then(keys => Promise.all(keys.filter(k => /\.pdf$/.test(k.url))
      .map(k => old.match(k).then(r => caches.open(C).then(c => c.put(k, r)))))))
    .then(() => caches.delete(n)))))
  .then(() => self.clients.claim())));
/* Network first; each answer refreshes the cache, which answers offline. */
self.addEventListener("fetch", e => {
  var q = e.request;
  if (q.method !== "GET" || !q.url.startsWith(location.origin + "/")) return;
  e.respondWith(fetch(q).then(r => {
    if (r.status === 200 && r.type === "basic") {
      var copy = r.clone();
      e.waitUntil(caches.open(C).then(c => c.put(q, copy)));
    }
    return r;
  }, () => caches.match(q, { ignoreSearch: true }).then(r => r || Response.error())));
});
