// The reviewer page's keyboard and in-place decisions. Every action here is also a plain form that works
// without this script: j/k move the selection, o (or Enter) opens it, c confirms, d dismisses, e opens the
// explanation editor, u undoes the last decision (the server allows it for 10 seconds and audits it).
(function () {
  "use strict";
  var table = document.getElementById("queue");
  var rows = table ? Array.prototype.slice.call(table.querySelectorAll("tbody tr")) : [];
  var selected = -1;

  function select(index) {
    if (!rows.length) { return; }
    if (selected >= 0 && rows[selected]) { rows[selected].classList.remove("selected"); rows[selected].removeAttribute("aria-selected"); }
    selected = Math.max(0, Math.min(rows.length - 1, index));
    rows[selected].classList.add("selected");
    rows[selected].setAttribute("aria-selected", "true");
    rows[selected].scrollIntoView({block: "nearest"});
  }

  function current() { return table ? rows[selected] : document; }

  function swap(doc, id) {   // take a fresh part of the page the server sent back (parsed, never executed)
    var fresh = doc.getElementById(id), old = document.getElementById(id);
    if (fresh && old) { old.replaceWith(document.importNode(fresh, true)); }
  }

  function post(form, decision) {
    var data = new FormData(form);
    data.set("decision", decision);
    return fetch(form.action, {method: "POST", body: data, credentials: "same-origin"}).then(function (response) {
      if (!response.ok || response.url.indexOf("/items/") !== -1) { window.location = response.url; return; }
      return response.text().then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var row = form.closest("tr");
        if (row) {
          var at = rows.indexOf(row);
          rows.splice(at, 1);
          row.remove();
          selected = -1;
          if (rows.length) { select(Math.min(at, rows.length - 1)); }
        } else { window.location = response.url; return; }
        swap(doc, "undo-bar"); swap(doc, "status-counts"); swap(doc, "total");
      });
    });
  }

  document.querySelectorAll("form.decide").forEach(function (form) {
    if (!form.closest("#queue")) { return; }   // on an item page the forms post and reload as they are
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      post(form, event.submitter ? event.submitter.value : "confirm");
    });
  });

  function decide(decision) {
    var scope = current();
    if (!scope) { return; }
    var form = scope.querySelector("form.decide:not(.edit-form)");
    var button = form && form.querySelector('button[value="' + decision + '"]');
    if (button) { form.requestSubmit(button); }
  }

  function edit() {
    var scope = current();
    var details = scope && scope.querySelector("details.edit");
    if (!details) { return; }
    details.open = true;
    var area = details.querySelector("textarea");
    if (area) { area.focus(); area.select(); }
  }

  function undo() {
    var form = document.getElementById("undo-form");
    if (form) { form.requestSubmit(); }
  }

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) {
      if (event.key === "Escape" && target.blur) { target.blur(); }
      return;
    }
    var key = event.key;
    if (key === "Enter" && target && /^(A|BUTTON|SUMMARY)$/.test(target.tagName)) { return; }
    if (key === "j") { select(selected + 1); }
    else if (key === "k") { select(selected - 1); }
    else if ((key === "o" || key === "Enter") && table && rows[selected]) { window.location = rows[selected].getAttribute("data-href"); }
    else if (key === "c") { decide("confirm"); }
    else if (key === "d") { decide("dismiss"); }
    else if (key === "e") { edit(); }
    else if (key === "u") { undo(); }
    else { return; }
    event.preventDefault();
  });

  if (rows.length) { select(0); }
}());
