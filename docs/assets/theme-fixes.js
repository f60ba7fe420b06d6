/* Two things Material for MkDocs' script would otherwise do on every page of
   the guide; loaded in <head>, before the theme's bundle.

   1. No sitemap lookups. For every <link rel="alternate"> of a page the
      theme fetches sitemap.xml below that link's address (bundle.js,
      function "ui"), to find the current page in another language when the
      reader uses the language switcher. Here those lookups can only fail: the
      guide has one sitemap, at the site root, and the hreflang links carry the
      public address, another host when the site is previewed. They are not
      needed either: mkdocs-static-i18n gives the switcher each page's own
      translation. So such a request is opened but never sent; the theme
      waits for it forever and its switcher links stay plain links.

   2. The drawer and search toggles start closed. The theme marks these two
      checkboxes autocomplete="off" so that a browser does not restore them
      ticked on "back"; HTML allows that attribute on text fields only
      (overrides/base.html drops it), so they are unticked here instead. */
(function () {
  "use strict";

  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var unsent = typeof WeakSet === "function" ? new WeakSet() : null;

  function isSitemap(url) {
    try {
      return /\/sitemap\.xml$/.test(new URL(String(url), location.href).pathname);
    } catch (error) {
      return false;
    }
  }

  if (unsent) {
    XMLHttpRequest.prototype.open = function (method, url) {
      if (isSitemap(url)) unsent.add(this); else unsent.delete(this);
      return open.apply(this, arguments);
    };
    XMLHttpRequest.prototype.send = function () {
      if (unsent.has(this)) return undefined;
      return send.apply(this, arguments);
    };
  }

  window.addEventListener("pageshow", function () {
    var toggles = ["__drawer", "__search"];
    for (var i = 0; i < toggles.length; i++) {
      var toggle = document.getElementById(toggles[i]);
      if (toggle && toggle.checked) toggle.checked = false;
    }
  });
})();
