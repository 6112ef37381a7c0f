// The inbox updates itself: it fetches its rows again every few seconds and swaps them in when
// they changed, announcing the new count to screen readers. No build, no framework.
(function () {
  var table = document.getElementById("inbox");
  if (!table) return;
  var every = parseInt(table.getAttribute("data-refresh"), 10) || 5000;
  var status = document.getElementById("inbox-status");
  function ids(tbody) {
    return Array.prototype.map.call(tbody.querySelectorAll("tr[data-saga]"), function (tr) {
      return tr.getAttribute("data-saga");
    }).join(" ");
  }
  function refresh() {
    fetch("/console/inbox/rows" + window.location.search, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (r) { if (!r.ok || r.redirected) throw new Error("status " + r.status); return r.text(); })
      .then(function (html) {
        var holder = document.createElement("table");
        holder.innerHTML = html;
        var fresh = holder.querySelector("tbody");
        var old = document.getElementById("inbox-rows");
        if (fresh && old && fresh.innerHTML !== old.innerHTML) {
          var before = ids(old), after = ids(fresh);
          old.replaceWith(fresh);
          if (before !== after) {
            // Only a change of what waits is announced, not ages ticking over.
            status.textContent = "Inbox updated at " + new Date().toLocaleTimeString() + ": " +
              fresh.querySelectorAll("tr[data-saga]").length + " shown.";
          }
        }
      })
      .catch(function () { status.textContent = "Could not update the inbox; reload the page."; })
      .finally(function () { setTimeout(refresh, every); });
  }
  setTimeout(refresh, every);
})();
