// Uploading a backup (backups page, deploy from a backup): the file is the request's body, so the
// server streams it to disk and judges its declared length before reading it; the answer says
// in the user's language what was stored, or why not. On success the page reloads to list it.
"use strict";

document.addEventListener("DOMContentLoaded", function () {
  const form = document.getElementById("upload-form");
  if (!form) return;
  const input = document.getElementById("upload-file");
  const button = document.getElementById("upload-submit");
  const result = document.getElementById("upload-result");

  form.addEventListener("submit", async function (event) {
    event.preventDefault();
    const file = input.files && input.files[0];
    if (!file) { input.focus(); return; }
    const label = button.textContent;
    button.disabled = true;
    button.textContent = button.dataset.working || label;
    result.classList.remove("text-danger", "text-success");
    try {
      const response = await window.hew.request("/backups/upload", {
        method: "POST",
        headers: { "Content-Type": "application/octet-stream" },
        body: file
      });
      if (response === null) return;
      const answer = await response.json().catch(function () { return {}; });
      result.textContent = answer.message || String(response.status);
      result.classList.add(response.status === 201 ? "text-success" : "text-danger");
      result.setAttribute("role", response.status === 201 ? "status" : "alert");
      result.dataset.outcome = response.status === 201 ? "stored" : "refused";
      if (response.status === 201) window.setTimeout(function () { window.location.reload(); }, 800);
    } catch (e) {
      result.textContent = String(e);
      result.classList.add("text-danger");
      result.dataset.outcome = "refused";
    } finally {
      button.disabled = false;
      button.textContent = label;
    }
  });
});
