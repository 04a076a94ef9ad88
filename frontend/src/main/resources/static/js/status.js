// The status page: follows the shared status poller over server-sent events and updates the
// hosts, the banner, the problem and the diagnosis in place. A new or vanished host reloads
// the page (the table is the server's). Action buttons say "working" while the server waits
// for the tool and come back after its timeout, so no button spins forever.
"use strict";

(function () {
  const TOOL_TIMEOUT_MS = 25000;

  function text(id, value) {
    const el = document.getElementById(id);
    if (el) el.textContent = value == null ? "" : String(value);
  }

  function yesNo(value, table) {
    return value ? table.dataset.yes : table.dataset.no;
  }

  function update(s) {
    const section = document.getElementById("status");
    const ids = s.hosts.map((h) => String(h.hostId)).join(",");
    // Thymeleaf drops an empty data-host-ids: no hosts must not read as "the hosts changed" (a reload loop)
    if (ids !== (section.dataset.hostIds || "")) { window.location.reload(); return; }
    // Another deployment host was chosen, or it was connected or lost: the page is drawn again for it.
    const actsOn = document.getElementById("status-acts-on");
    if (s.actsOn && actsOn && (s.actsOn.host !== (section.dataset.actsOnHost || "") || s.actsOn.id !== actsOn.dataset.actsOn)) {
      window.location.reload();
      return;
    }
    section.dataset.time = s.time;
    text("status-time", s.time);
    document.getElementById("global-maintenance-banner").hidden = !s.globalMaintenance;
    const problem = document.getElementById("status-problem");
    problem.hidden = !s.problem;
    text("status-problem-text", s.problem ? s.problem.text : "");
    text("status-problem-output", s.problem ? s.problem.output : "");
    const engineName = document.getElementById("engine-host-name");
    engineName.textContent = s.engineHostname || engineName.dataset.nowhere || engineName.textContent;
    const diagnosis = document.getElementById("diagnosis");
    diagnosis.hidden = !s.diagnosis;
    diagnosis.dataset.diagnosis = s.diagnosis ? s.diagnosis.id : "";
    text("diagnosis-explanation", s.diagnosis ? s.diagnosis.explanation : "");
    const steps = document.getElementById("diagnosis-steps");
    steps.replaceChildren(...(s.diagnosis ? s.diagnosis.steps : []).map((t) => {
      const li = document.createElement("li");
      li.textContent = t;
      return li;
    }));
    const table = document.getElementById("hosts");
    for (const h of s.hosts) {
      const row = table.querySelector('[data-host-id="' + h.hostId + '"]');
      if (!row) continue;
      row.dataset.runsEngine = String(h.runsEngineVm);
      row.classList.toggle("table-success", h.runsEngineVm);
      for (const field of ["score", "vm", "health", "detail", "reason", "agentState", "hostTs", "localConfTimestamp", "crc32"]) {
        const cell = row.querySelector('[data-field="' + field + '"]');
        if (cell) cell.textContent = h[field] == null ? "" : String(h[field]);
      }
      for (const field of ["localMaintenance", "stopped", "confOnSharedStorage", "liveData"]) {
        const cell = row.querySelector('[data-field="' + field + '"]');
        if (cell && table.dataset.yes) cell.textContent = yesNo(h[field], table);
      }
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    if (!document.getElementById("status")) return;
    const section = document.getElementById("status");
    // Refused or failing, the stream gives way to reading /api/status every few seconds (common.js).
    window.hew.follow("/api/status/events", { status: (m) => update(JSON.parse(m.data)) }, async () => {
      delete section.dataset.streaming;
      const response = await window.hew.request("/api/status");
      if (!response) return false;
      if (response.ok) update(await response.json());
      return true;
    });
    section.dataset.streaming = "true";
    for (const form of document.querySelectorAll("form.action-form")) {
      form.addEventListener("submit", () => {
        const button = form.querySelector("button[type=submit]");
        const label = button.textContent;
        button.disabled = true;
        button.textContent = button.dataset.working || label;
        setTimeout(() => { button.disabled = false; button.textContent = label; }, TOOL_TIMEOUT_MS);
      });
    }
  });
})();
