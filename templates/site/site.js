// socstrat site: sort, filter and search only; every page reads the same without it.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var lang = document.documentElement.lang || "bg";
  var collator = new Intl.Collator(lang, {numeric: true, sensitivity: "base"});

  function key(cell) {
    var v = cell.getAttribute("data-sort");
    return v !== null ? v : cell.textContent.trim();
  }
  function compare(a, b) {
    var x = parseFloat(a), y = parseFloat(b);
    if (!isNaN(x) && !isNaN(y) && String(x) === a.trim() && String(y) === b.trim()) return x - y;
    return collator.compare(a, b);
  }
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var heads = table.querySelectorAll("thead th");
    heads.forEach(function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var up = th.getAttribute("aria-sort") !== "ascending";
        heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", up ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (r1, r2) {
          var c = compare(key(r1.cells[index]), key(r2.cells[index]));
          return up ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });

  document.querySelectorAll("input[data-filter]").forEach(function (input) {
    var table = document.getElementById(input.getAttribute("data-filter"));
    if (!table) return;
    input.addEventListener("input", function () {
      var q = input.value.trim().toLocaleLowerCase(lang);
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        row.hidden = q !== "" && row.textContent.toLocaleLowerCase(lang).indexOf(q) < 0;
      });
    });
  });

  var form = document.getElementById("search-form");
  var list = document.getElementById("search-results");
  if (form && list && window.SOCSTRAT_SEARCH) {
    var input = document.getElementById("q");
    var count = document.getElementById("search-count");
    var run = function () {
      var words = input.value.trim().toLocaleLowerCase(lang).split(/\s+/).filter(Boolean);
      list.textContent = "";
      if (!words.length) { count.textContent = ""; return; }
      var found = window.SOCSTRAT_SEARCH.filter(function (e) {
        var text = (e.t + " " + e.s).toLocaleLowerCase(lang);
        return words.every(function (w) { return text.indexOf(w) >= 0; });
      });
      count.textContent = String(found.length);
      found.slice(0, 200).forEach(function (e) {
        var li = document.createElement("li");
        var kind = document.createElement("span");
        kind.className = "kind";
        kind.textContent = list.getAttribute("data-" + e.k) || e.k;
        var a = document.createElement("a");
        a.href = e.h;
        a.textContent = e.t;
        li.appendChild(kind);
        li.appendChild(a);
        li.appendChild(document.createTextNode(" · " + e.s));
        list.appendChild(li);
      });
    };
    form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
    input.addEventListener("input", run);
    var initial = new URLSearchParams(location.search).get("q");
    if (initial) { input.value = initial; run(); }
  }
}());
