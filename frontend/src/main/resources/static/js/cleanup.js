// The cleanup page: while ovirt-hosted-engine-cleanup runs, its output lines arrive over
// server-sent events (id = line number, so a reconnect resumes); at the end the page reloads
// to show the outcome and the space freed.
"use strict";

(function () {
  document.addEventListener("DOMContentLoaded", () => {
    const section = document.getElementById("cleanup");
    if (!section || section.dataset.state !== "RUNNING") return;
    const log = document.getElementById("cleanup-log");
    const source = new EventSource("/api/cleanup/events?since=" + encodeURIComponent(section.dataset.lines || "0"));
    section.dataset.streaming = "true";
    source.addEventListener("line", (m) => {
      const e = JSON.parse(m.data);
      const li = document.createElement("li");
      li.textContent = e.text;
      log.appendChild(li);
    });
    source.addEventListener("end", () => { source.close(); window.location.reload(); });
  });
})();
