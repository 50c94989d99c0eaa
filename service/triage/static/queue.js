// Decide without leaving the queue: post the row's form with fetch, then drop the row.
document.querySelectorAll("form.decide").forEach(function (form) {
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var data = new FormData(form);
    data.set("decision", event.submitter ? event.submitter.value : "confirm");
    fetch(form.action, {method: "POST", body: data, credentials: "same-origin"}).then(function (response) {
      if (response.ok && !response.url.includes("/items/")) { form.closest("tr").remove(); }
      else { window.location = response.url; }
    });
  });
});
