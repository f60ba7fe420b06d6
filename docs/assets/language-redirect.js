/* Site root: go to the guide in the first of the browser's languages that
   the guide has, else the default. Without JavaScript a meta refresh goes
   to the default language and the page lists every language. */
(function () {
  var script = document.currentScript;
  var have = script.getAttribute("data-languages").split(" ");
  var wanted = navigator.languages || [navigator.language || ""];
  var target = script.getAttribute("data-default");
  for (var i = 0; i < wanted.length; i++) {
    var code = String(wanted[i]).toLowerCase().split("-")[0];
    if (have.indexOf(code) !== -1) { target = code; break; }
  }
  location.replace(target + "/" + location.search + location.hash);
})();
