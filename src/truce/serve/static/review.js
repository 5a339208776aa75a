// The review queue: confirm, correct (changed fields only) or reject an event via the API.
"use strict";

(function () {
  // A changed form field as the codebook change the API expects (docs/codebook.md).
  function codebookChange(field, value) {
    const entity = value ? { name: value } : null;
    switch (field.name) {
      case "claimant":
      case "actor":
        return [field.name, entity];
      case "place":
        return ["location", value ? { name: value, precision: field.dataset.precision || "town" }
          : null];
      case "date":
        return ["date", value ? { value: value, precision: "day" } : null];
      case "mode":
        return ["mode", value || null];
      default:
        return [field.name, value];
    }
  }

  const queue = document.querySelector(".queue");
  const modes = queue ? JSON.parse(queue.dataset.modes || "{}") : {};

  // The modes offered follow the chosen type; a mode the new type lacks is dropped.
  function offerModes(form) {
    const select = form.elements.mode;
    const kept = select.value;
    select.replaceChildren(new Option("none", ""));
    for (const mode of modes[form.elements.event_type.value] || []) {
      select.appendChild(new Option(mode, mode, false, mode === kept));
    }
  }

  for (const form of document.querySelectorAll("form.review-form")) {
    form.elements.event_type.addEventListener("change", () => offerModes(form));
    form.addEventListener("submit", async (submitted) => {
      submitted.preventDefault();
      const action = submitted.submitter ? submitted.submitter.value : "confirm";
      const card = form.closest(".review-card");
      const result = form.querySelector(".result");
      const changes = {};
      for (const field of form.querySelectorAll("[data-original]")) {
        if (field.value.trim() !== field.dataset.original) {
          const [name, value] = codebookChange(field, field.value.trim());
          changes[name] = value;
        }
      }
      if (action === "correct" && Object.keys(changes).length === 0) {
        result.textContent = "Change a field first, or confirm.";
        return;
      }
      // The version the analyst saw: the API refuses (409) if someone reviewed it meanwhile.
      const body = { action: action, note: form.elements.note.value,
        version: Number(form.dataset.version) };
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
        card.querySelector(".kind").textContent =
          event.event_type + (event.mode ? " / " + event.mode : "");
        result.textContent = "Saved: " + event.review + " (version " + event.version + ").";
        form.dataset.version = String(event.version);
      } catch (error) {
        result.textContent = "Not saved: " + error.message;
        for (const button of form.querySelectorAll("button")) {
          button.disabled = false;
        }
      }
    });
  }
})();
