// Suggestions for the search box in every page's header.
//
// As the reader types, the names that the search would rank first are fetched from
// the form's data-suggest URL (OpenSearch suggestions: [query, labels, descriptions, URLs])
// and listed under the box.  Arrow keys move through them, Enter opens the chosen one,
// Escape closes the list.  Without this script the form still submits to /search.
(function () {
  "use strict";
  var form = document.querySelector("form[data-suggest]");
  if (!form) return;
  var input = form.querySelector("input[name=q]");
  var list = document.getElementById("header-suggestions");
  var timer = null;
  var asked = "";      // the text the latest request was for
  var chosen = -1;     // index of the highlighted suggestion

  function items() { return list.querySelectorAll("li"); }

  function close() {
    list.hidden = true;
    list.textContent = "";
    chosen = -1;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }

  function highlight(index) {
    var all = items();
    if (!all.length) return;
    chosen = (index + all.length) % all.length;
    all.forEach(function (li, i) { li.setAttribute("aria-selected", i === chosen ? "true" : "false"); });
    input.setAttribute("aria-activedescendant", all[chosen].id);
  }

  function show(answer) {
    var labels = answer[1] || [], descriptions = answer[2] || [], urls = answer[3] || [];
    list.textContent = "";
    chosen = -1;
    labels.forEach(function (label, i) {
      var li = document.createElement("li");
      li.id = "header-suggestion-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      var a = document.createElement("a");
      a.href = urls[i];
      a.textContent = label;
      if (descriptions[i]) a.title = descriptions[i];
      li.appendChild(a);
      list.appendChild(li);
    });
    list.hidden = labels.length === 0;
    input.setAttribute("aria-expanded", labels.length ? "true" : "false");
  }

  function ask() {
    var q = input.value.trim();
    if (!q) { close(); return; }
    asked = q;
    fetch(form.dataset.suggest + "?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (answer) {
        if (answer && asked === q && input.value.trim() === q) show(answer);  // drop stale answers
      })
      .catch(function () { close(); });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(ask, 120);
  });
  input.addEventListener("keydown", function (event) {
    if (list.hidden) return;
    if (event.key === "ArrowDown") { highlight(chosen + 1); event.preventDefault(); }
    else if (event.key === "ArrowUp") { highlight(chosen - 1); event.preventDefault(); }
    else if (event.key === "Escape") { close(); }
    else if (event.key === "Enter" && chosen >= 0) {
      event.preventDefault();
      window.location.href = items()[chosen].querySelector("a").href;
    }
  });
  document.addEventListener("click", function (event) {
    if (!form.contains(event.target)) close();
  });
})();
