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

    // The log reads as hosted-engine --deploy prints it: the server sends each event's line
    // ([ INFO  ] TASK [...], [ INFO  ] ok: [localhost], [ ERROR ] fatal: ...) and its kind, which
    // the filters above the log hide by. A loop's items fold under their task: the task's line
    // becomes a <details> whose summary counts them. Items whose task line is not on the page
    // (dropped by the cap, or before the first line loaded) get a "continued" task line as home.
    const isItem = (e) => e.type.startsWith("item_");
    const keyOf = (e) => (e.tag || "") + "\u0000" + (e.task || "");

    function line(e) {
      const li = document.createElement("li");
      li.dataset.seq = e.seq;
      li.dataset.kind = e.kind || "other";
      li.className = "ev-" + e.type + (e.changed ? " ev-changed" : "") + " lv-" + (e.level || "INFO");
      const text = document.createElement("span");
      text.className = "log-text";
      text.textContent = e.line || [e.type, e.task || "", e.message || ""].join(" ");
      li.appendChild(text);
      if (e.type === "task_start") li.dataset.task = keyOf(e);
      return li;
    }

    // A task line that holds items: <li><details><summary>line · N items</summary><ol>items</ol></details></li>.
    function itemsOf(group) {
      let list = group.querySelector(":scope > details > ol");
      if (list) return list;
      const details = document.createElement("details");
      const summary = document.createElement("summary");
      const count = document.createElement("span");
      count.className = "log-count";
      while (group.firstChild) summary.appendChild(group.firstChild);
      summary.appendChild(count);
      list = document.createElement("ol");
      list.className = "log-items list-unstyled";
      details.append(summary, list);
      group.appendChild(details);
      group.classList.add("has-items");
      return list;
    }

    function countItems(group) {
      const n = group.querySelectorAll(":scope > details > ol > li").length;
      group.querySelector(":scope > details > summary > .log-count").textContent =
          " · " + (run.dataset.itemsWord || "{0}").replace("{0}", String(n));
    }

    // The home of items whose task line is not shown: the task's line, marked as continued.
    function headless(e) {
      const li = document.createElement("li");
      li.dataset.task = keyOf(e);
      li.dataset.kind = "task";
      li.className = "ev-task_start lv-INFO log-headless";
      const text = document.createElement("span");
      text.className = "log-text";
      text.textContent = "[ INFO  ] TASK [" + (e.task || "") + "] " + (run.dataset.continuedWord || "");
      li.appendChild(text);
      return li;
    }

    // Adds events in order to a list (the log, or a page of earlier lines); returns the lines added.
    function place(list, e) {
      if (!isItem(e)) {
        list.appendChild(line(e));
        return 1;
      }
      let group = list.lastElementChild;
      if (!group || group.dataset.task !== keyOf(e)) {
        group = headless(e);
        list.appendChild(group);
      }
      itemsOf(group).appendChild(line(e));
      countItems(group);
      return 1;
    }

    const linesIn = (li) => (li.dataset.seq ? 1 : 0) + li.querySelectorAll("li[data-seq]").length;
    let shown = 0;

    function append(e) {
      shown += place(log, e);
      while (shown > MAX_LINES) {
        const first = log.firstElementChild;
        const items = first.querySelector(":scope > details > ol");
        if (first === log.lastElementChild && items && items.childElementCount > 1) {
          // One task's items fill the log: its oldest items go, and its line stays as their home.
          items.removeChild(items.firstElementChild);
          shown--;
          if (first.dataset.seq) {
            // The task line's own event goes too (no gap before the items kept); its text stays, as "continued".
            delete first.dataset.seq;
            first.classList.add("log-headless");
            first.querySelector(".log-text").textContent += " " + (run.dataset.continuedWord || "");
            shown--;
          }
          countItems(first);
        } else {
          shown -= linesIn(first);
          log.removeChild(first);
        }
        earlier.hidden = false;
      }
    }

    // The first event the page holds: a continued task line holds none itself, its first item does.
    function firstSeq() {
      const first = log.querySelector("li[data-seq]");
      return first ? Number(first.dataset.seq) : lastSeq + 1;
    }

    // Filters: each unchecked kind hides its lines (a task line holding items stays, as their home).
    for (const box of document.querySelectorAll("#log-filters input[type=checkbox]")) {
      const apply = () => log.classList.toggle("hide-" + box.value, !box.checked);
      box.addEventListener("change", apply);
      apply();
    }
    const showAll = document.getElementById("log-filter-all");
    if (showAll) showAll.addEventListener("click", () => {
      for (const box of document.querySelectorAll("#log-filters input[type=checkbox]")) {
        box.checked = true;
        log.classList.remove("hide-" + box.value);
      }
    });

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
    function show(e) {
      if (e.seq <= lastSeq) return; // never show a line twice
      lastSeq = e.seq;
      run.dataset.lastSeq = String(e.seq);
      append(e);
    }

    function ended() {
      showPause(null);
      delete run.dataset.streaming;
      // A page drawn while the run was going reloads once to show the outcome and its buttons.
      if (!renderedFinal) window.location.reload();
    }

    // Refused (too many open streams) or failing, the stream gives way to reading the run's
    // events and state from its JSON routes every few seconds (common.js); the counts and the bar
    // then stay as the stream last told them. A finished run's stream answers 204: its poll stops.
    const base = "/api/runs/" + encodeURIComponent(id);
    async function poll() {
      delete run.dataset.streaming;
      const page = await window.hew.request(base + "/page?after=" + Math.max(lastSeq, since) + "&limit=" + MAX_LINES);
      if (!page) return false;
      if (page.ok) for (const e of await page.json()) show(e);
      const info = await window.hew.request(base);
      if (!info) return false;
      if (!info.ok) return true;
      const r = await info.json();
      if (r.final) {
        ended();
        return false;
      }
      showPause(r.pause);
      return true;
    }

    window.hew.follow(base + "/events?since=" + since, {
      // The counts and the bar come from the server only: at connect, then after each batch of events.
      progress: (m) => {
        const p = JSON.parse(m.data);
        tags = {};
        for (const [tag, t] of Object.entries(p.tags)) tags[tag] = { done: t.done, expected: t.expected };
        Object.assign(counts, p.counts);
        if (p.currentTask) document.getElementById("current-task").textContent = p.currentTask;
        showProgress();
      },
      "run-event": (m) => show(JSON.parse(m.data)),
      "run-pause": (m) => showPause(JSON.parse(m.data).pause),
      "run-end": (m, source) => { source.close(); ended(); },
    }, poll);
    run.dataset.streaming = "true";

    earlier.addEventListener("click", async () => {
      const first = firstSeq();
      const after = Math.max(0, first - 1 - PAGE);
      const response = await window.hew.request("/api/runs/" + encodeURIComponent(id) + "/page?after=" + after
          + "&limit=" + (first - 1 - after));
      if (!response || !response.ok) return;
      const events = await response.json();
      const page = document.createElement("ol");
      for (const e of events) shown += place(page, e);
      // Items shown under a continued task line go home to their task, now on the page.
      const top = log.firstElementChild;
      const last = page.lastElementChild;
      if (top && last && top.classList.contains("log-headless") && last.dataset.task === top.dataset.task) {
        const items = top.querySelector(":scope > details > ol");
        const home = itemsOf(last);
        while (items && items.firstElementChild) home.appendChild(items.firstElementChild);
        countItems(last);
        log.removeChild(top);
      }
      const fragment = document.createDocumentFragment();
      while (page.firstElementChild) fragment.appendChild(page.firstElementChild);
      log.insertBefore(fragment, log.firstElementChild);
      earlier.hidden = after === 0;
    });

    elapsed();
    if (!renderedFinal) setInterval(elapsed, 1000);
  });
})();
