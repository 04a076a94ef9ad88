// The cleanup page: while ovirt-hosted-engine-cleanup runs, its output lines arrive over
// server-sent events (id = line number, so a reconnect resumes); at the end the page reloads
// to show the outcome and the space freed.
"use strict";

(function () {
  document.addEventListener("DOMContentLoaded", () => {
    const section = document.getElementById("cleanup");
    if (!section || section.dataset.state !== "RUNNING") return;
    const log = document.getElementById("cleanup-log");
    let shown = Number(section.dataset.lines || "0");
    const add = (text) => {
      const li = document.createElement("li");
      li.textContent = text;
      log.appendChild(li);
      shown++;
    };
    // Refused or failing, the stream gives way to reading /api/cleanup every few seconds (common.js).
    window.hew.follow("/api/cleanup/events?since=" + encodeURIComponent(String(shown)), {
      line: (m) => add(JSON.parse(m.data).text),
      end: (m, source) => { source.close(); window.location.reload(); },
    }, async () => {
      delete section.dataset.streaming;
      const response = await window.hew.request("/api/cleanup?since=" + shown);
      if (!response) return false;
      if (!response.ok) return true;
      const c = await response.json();
      for (const text of c.lines) add(text);
      if (c.ended) { window.location.reload(); return false; }
      return true;
    });
    section.dataset.streaming = "true";
  });
})();
