// Analysts' linking decisions on an incident page: split ticked mentions off, or merge.
"use strict";

(function () {
  const section = document.getElementById("link-review");
  if (!section) {
    return;
  }
  const incident = section.dataset.incident;
  const result = section.querySelector(".result");

  function goTo(id) {
    window.location.assign("/incidents/" + encodeURIComponent(id));
  }

  document.getElementById("split-form").addEventListener("submit", async (submitted) => {
    submitted.preventDefault();
    const ticked = Array.from(document.querySelectorAll("input[name=split]:checked"))
      .map((box) => Number(box.value));
    if (!ticked.length) {
      result.textContent = "Tick at least one mention to split off.";
      return;
    }
    try {
      const answer = await window.truceApi.post(
        "/api/incidents/" + encodeURIComponent(incident) + "/split",
        { event_ids: ticked, note: submitted.target.elements.note.value });
      result.textContent = "Split into: " + answer.incidents.map((i) => i.id || i).join(", ");
    } catch (error) {
      result.textContent = "Not split: " + error.message;
    }
  });

  document.getElementById("merge-form").addEventListener("submit", async (submitted) => {
    submitted.preventDefault();
    const form = submitted.target;
    try {
      const answer = await window.truceApi.post("/api/incidents/merge", {
        ids: [incident, form.elements.other.value.trim()], note: form.elements.note.value,
      });
      const merged = answer.incident;
      goTo(merged && merged.id ? merged.id : merged);
    } catch (error) {
      result.textContent = "Not merged: " + error.message;
    }
  });
})();
