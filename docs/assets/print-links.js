/* Printed pages show each link's address after it (guide.css, @media print).
   CSS can only print the href as written, which for links within the guide
   is relative ("../networking-mindset/"): give those their full address.
   Links within the same page (#…) and buttons get none. */
(function () {
  "use strict";
  var links = document.querySelectorAll(".md-content a[href]:not(.md-button):not(.headerlink)");
  for (var i = 0; i < links.length; i++) {
    var link = links[i];
    var href = link.getAttribute("href");
    if (href.charAt(0) === "#" || !/^(https?|mailto):$/.test(link.protocol)) continue;
    if (link.origin === location.origin && link.pathname === location.pathname && link.hash) continue;
    link.setAttribute("data-print-href", link.protocol === "mailto:" ? href.replace(/^mailto:/, "") : link.href);
  }
})();
