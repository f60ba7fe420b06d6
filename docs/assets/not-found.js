/* GitHub Pages serves the root 404.html for any missing address: under a
   language's folder, show that language's 404 page at the same address. */
(function () {
  var script = document.currentScript, key = "netguide:not-found", asked;
  var base = script.src.replace(/assets\/not-found\.js$/, ""), here = document.documentElement.lang;
  var language = location.href.indexOf(base) ? "" : location.href.slice(base.length).split(/[/?#]/)[0];
  var target = base + language + "/404.html";
  try { asked = sessionStorage.getItem(key); sessionStorage.removeItem(key); } catch (e) { /* blocked */ }
  if (asked && language === here) {
    history.replaceState(null, "", asked);
  } else if (language !== here && location.href !== target &&
             script.getAttribute("data-languages").split(" ").indexOf(language) > -1) {
    try { sessionStorage.setItem(key, location.href); } catch (e) { /* blocked */ }
    location.replace(target);
  }
})();
