// The review queue: confirm, correct (changed fields only) or reject an event via the API.
"use strict";

(function () {
  for (const form of document.querySelectorAll("form.review-form")) {
    form.addEventListener("submit", async (submitted) => {
      submitted.preventDefault();
      const action = submitted.submitter ? submitted.submitter.value : "confirm";
      const card = form.closest(".review-card");
      const result = form.querySelector(".result");
      const changes = {};
      for (const field of form.querySelectorAll("[data-original]")) {
        if (field.value.trim() !== field.dataset.original) {
          changes[field.name] = field.value.trim();
        }
      }
      if (action === "correct" && Object.keys(changes).length === 0) {
        result.textContent = "Change a field first, or confirm.";
        return;
      }
      const body = { action: action, note: form.elements.note.value };
      if (action === "correct") {
        body.changes = changes;
      }
      for (const button of form.querySelectorAll("button")) {
        button.disabled = true;
      }
      try {
        const event = await window.truceApi.post(
          "/api/events/" + encodeURIComponent(form.dataset.event) + "/review", body);
        card.dataset.state = event.review;
        card.querySelector(".state").textContent = event.review;
        result.textContent = "Saved: " + event.review + " (version " + event.version + ").";
      } catch (error) {
        result.textContent = "Not saved: " + error.message;
        for (const button of form.querySelectorAll("button")) {
          button.disabled = false;
        }
      }
    });
  }
})();
