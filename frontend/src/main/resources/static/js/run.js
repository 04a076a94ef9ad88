// The run page: follows a run's events over server-sent events. The event id is the
// run's sequence number, so a reconnect (EventSource sends Last-Event-ID) or a refresh
// (?since=) continues exactly where the page stands: no line lost, none repeated. The log
// never holds more than MAX_LINES lines; older ones come on request.
"use strict";

(function () {
  const MAX_LINES = 500;
  const PAGE = 200;

  document.addEventListener("DOMContentLoaded", () => {
    const run = document.getElementById("run");
    if (!run) return;
    const id = run.dataset.runId;
    const log = document.getElementById("run-log");
    const earlier = document.getElementById("earlier-lines");
    const counts = { ok: 0, changed: 0, failed: 0, skipped: 0, unreachable: 0 };
    let tags = {};
    let lastSeq = 0;
    const renderedFinal = run.dataset.final === "true";

    function line(e) {
      const li = document.createElement("li");
      li.dataset.seq = e.seq;
      li.className = "ev-" + e.type + (e.changed ? " ev-changed" : "");
      // An engine event (a day-2 run through the engine's API) is the engine's own sentence.
      const text = e.type === "engine_event" ? run.dataset.engineWord
        : [e.type === "task_start" ? run.dataset.taskWord : e.type.toUpperCase(), e.task || ""].join(" ");
      li.textContent = e.message ? text + ": " + e.message : text;
      return li;
    }

    function append(e) {
      log.appendChild(line(e));
      while (log.childElementCount > MAX_LINES) {
        log.removeChild(log.firstElementChild);
        earlier.hidden = false;
      }
    }

    function showProgress() {
      for (const k of ["ok", "changed", "failed", "skipped"]) {
        document.getElementById("count-" + k).textContent = counts[k];
      }
      let done = 0, expected = 0;
      for (const t of Object.values(tags)) { done += Math.min(t.done, t.expected); expected += t.expected; }
      const percent = expected ? Math.round((100 * done) / expected) : 0;
      const bar = document.getElementById("run-progress");
      bar.setAttribute("aria-valuenow", String(percent));
      document.getElementById("run-progress-bar").style.width = percent + "%";
    }

    function elapsed() {
      const start = Date.parse(run.dataset.created);
      const end = run.dataset.ended ? Date.parse(run.dataset.ended) : Date.now();
      if (isNaN(start)) return;
      const s = Math.max(0, Math.round((end - start) / 1000));
      document.getElementById("elapsed").textContent = Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
    }

    // The role's pause: shown while it waits for its lock file to go, with the time it gives up.
    function localTime(iso) {
      const t = Date.parse(iso);
      return isNaN(t) ? iso || "" : new Date(t).toLocaleString(document.documentElement.lang || undefined);
    }

    function showPause(p) {
      const box = document.getElementById("run-pause");
      const badge = document.getElementById("run-paused-badge");
      if (!box) return;
      box.hidden = !p;
      badge.hidden = !p;
      box.dataset.paused = String(!!p);
      if (!p) return;
      if (p.message) document.getElementById("pause-message").textContent = p.message;
      const time = document.getElementById("pause-timeout");
      time.setAttribute("datetime", p.timesOutAt);
      time.textContent = localTime(p.timesOutAt);
    }

    const timeout = document.getElementById("pause-timeout");
    if (timeout && timeout.getAttribute("datetime")) timeout.textContent = localTime(timeout.getAttribute("datetime"));

    const since = Math.max(0, Number(run.dataset.events || 0) - MAX_LINES);
    const source = new EventSource("/api/runs/" + encodeURIComponent(id) + "/events?since=" + since);
    run.dataset.streaming = "true";
    // The counts and the bar come from the server only: at connect, then after each batch of events.
    source.addEventListener("progress", (m) => {
      const p = JSON.parse(m.data);
      tags = {};
      for (const [tag, t] of Object.entries(p.tags)) tags[tag] = { done: t.done, expected: t.expected };
      Object.assign(counts, p.counts);
      if (p.currentTask) document.getElementById("current-task").textContent = p.currentTask;
      showProgress();
    });
    source.addEventListener("run-event", (m) => {
      const e = JSON.parse(m.data);
      if (e.seq <= lastSeq) return; // never show a line twice
      lastSeq = e.seq;
      run.dataset.lastSeq = String(e.seq);
      append(e);
    });
    source.addEventListener("run-pause", (m) => showPause(JSON.parse(m.data).pause));
    source.addEventListener("run-end", () => {
      showPause(null);
      source.close();
      delete run.dataset.streaming;
      // A page drawn while the run was going reloads once to show the outcome and its buttons.
      if (!renderedFinal) window.location.reload();
    });
    source.addEventListener("error", () => {
      if (source.readyState === EventSource.CLOSED) delete run.dataset.streaming;
    });

    earlier.addEventListener("click", async () => {
      const first = log.firstElementChild ? Number(log.firstElementChild.dataset.seq) : lastSeq + 1;
      const after = Math.max(0, first - 1 - PAGE);
      const response = await window.hew.request("/api/runs/" + encodeURIComponent(id) + "/page?after=" + after
          + "&limit=" + (first - 1 - after));
      if (!response || !response.ok) return;
      const events = await response.json();
      const fragment = document.createDocumentFragment();
      for (const e of events) fragment.appendChild(line(e));
      log.insertBefore(fragment, log.firstElementChild);
      earlier.hidden = after === 0;
    });

    elapsed();
    if (!renderedFinal) setInterval(elapsed, 1000);
  });
})();
