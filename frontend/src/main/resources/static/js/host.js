// The deployment host page: shows the SSH fields only for "another host", and the key file or
// the password field for the way of logging in chosen. Without JavaScript every field shows.
"use strict";

(function () {
  function apply(form) {
    form.querySelectorAll("[data-show-when]").forEach((section) => {
      const [name, value] = section.dataset.showWhen.split("=");
      const checked = form.querySelector("input[name='" + name + "']:checked");
      section.hidden = !checked || checked.value !== value;
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    const form = document.getElementById("host-form");
    if (!form) return;
    apply(form);
    form.addEventListener("change", () => apply(form));
  });
})();
