/* Interactive checklists: remember ticks per article in localStorage.
   Keys use the language-independent article and item ids, so progress
   carries over when the reader switches language. The form works without
   this script; this only adds memory, a live progress count and reset. */
(function () {
  "use strict";
  var PREFIX = "netguide:checklist:";

  function read(id) {
    try { return JSON.parse(localStorage.getItem(PREFIX + id)) || {}; } catch (e) { return {}; }
  }
  function write(id, state) {
    try {
      if (Object.keys(state).length) localStorage.setItem(PREFIX + id, JSON.stringify(state));
      else localStorage.removeItem(PREFIX + id);
    } catch (e) { /* storage blocked: the checklist still works for this visit */ }
  }

  function enhance(form) {
    var id = form.getAttribute("data-checklist");
    var template = form.getAttribute("data-progress-template") || "{done} / {total}";
    var boxes = form.querySelectorAll("input[type=checkbox]");
    var status = form.querySelector(".nk-checklist__progress");
    var state = read(id);

    function update() {
      var done = 0;
      for (var i = 0; i < boxes.length; i++) if (boxes[i].checked) done++;
      status.textContent = template.replace("{done}", done).replace("{total}", boxes.length);
      form.classList.toggle("nk-checklist--complete", done === boxes.length);
    }

    for (var i = 0; i < boxes.length; i++) {
      boxes[i].checked = state[boxes[i].name] === true;
      boxes[i].addEventListener("change", function (event) {
        var box = event.target;
        if (box.checked) state[box.name] = true; else delete state[box.name];
        write(id, state);
        update();
      });
    }
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () {
      state = {};
      write(id, state);
      setTimeout(update, 0); // after the browser has cleared the boxes
    });
    /* Another tab or language page changed the same checklist. */
    window.addEventListener("storage", function (event) {
      if (event.key !== PREFIX + id) return;
      state = read(id);
      for (var j = 0; j < boxes.length; j++) boxes[j].checked = state[boxes[j].name] === true;
      update();
    });
    status.hidden = false;
    update();
  }

  var forms = document.querySelectorAll("form[data-checklist]");
  for (var k = 0; k < forms.length; k++) enhance(forms[k]);
})();
