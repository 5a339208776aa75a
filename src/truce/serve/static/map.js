// The dashboard map: the bundled outline of the region, an optional tile layer, and one
// circle per incident coloured by grade (CSS classes), each linking to its incident page.
"use strict";

(function () {
  const element = document.getElementById("map");
  if (!element || !window.L) {
    return;
  }
  const incidents = JSON.parse(element.dataset.markers || "[]");
  const map = L.map(element, { scrollWheelZoom: false });
  if (element.dataset.tiles) {
    L.tileLayer(element.dataset.tiles, { maxZoom: 18, attribution: "map tiles: configured server" })
      .addTo(map);
  }

  function popup(incident) {
    // Built from DOM nodes and textContent: incident fields are never parsed as HTML.
    const box = document.createElement("div");
    const link = document.createElement("a");
    link.href = "/incidents/" + encodeURIComponent(incident.id);
    link.textContent = incident.type + (incident.place ? " · " + incident.place : "");
    box.appendChild(link);
    const meta = document.createElement("div");
    meta.className = "popup-meta";
    meta.textContent = (incident.date || "undated") + " · " + incident.grade + " · " +
      incident.mentions + " mention(s), " + incident.sources + " source(s)";
    box.appendChild(meta);
    return box;
  }

  const markers = L.featureGroup();
  for (const incident of incidents) {
    const circle = L.circleMarker([incident.lat, incident.lon], {
      radius: 4 + Math.min(incident.mentions, 8),
      className: "marker grade-" + incident.grade,
    });
    circle.bindPopup(popup(incident));
    markers.addLayer(circle);
  }
  markers.addTo(map);
  element.dataset.shown = String(incidents.length);
  // The view opens on the region (incidents far from it, such as talks abroad, are still
  // drawn); on the incidents' own extent only if the outline cannot be had.
  map.setView([32.6, 35.2], 7);

  fetch(element.dataset.outline)
    .then((response) => response.json())
    .then((outline) => {
      const layer = L.geoJSON(outline, { style: { className: "outline" }, interactive: false });
      layer.addTo(map);
      layer.bringToBack();
      map.fitBounds(layer.getBounds(), { padding: [10, 10] });
      element.dataset.outlineLoaded = "true";
    })
    .catch(() => {
      if (incidents.length) {
        map.fitBounds(markers.getBounds(), { padding: [20, 20], maxZoom: 11 });
      }
      element.dataset.outlineLoaded = "false";
    });
})();
