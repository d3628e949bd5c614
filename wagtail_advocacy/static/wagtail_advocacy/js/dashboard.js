/* Draws the dashboard's charts with Chart.js. Without JavaScript, or if Chart.js is
   missing, the tables under each chart stay open and hold the same figures. */
(function () {
  "use strict";

  function start() {
    var source = document.getElementById("advocacy-chart-data");
    if (!source || typeof window.Chart === "undefined") {
      return;
    }
    var data = JSON.parse(source.textContent);
    var labels = data.labels;
    var styles = getComputedStyle(document.documentElement);
    var primary = styles.getPropertyValue("--w-color-secondary").trim() || "#007d7e";
    var accent = styles.getPropertyValue("--w-color-warning-100").trim() || "#faa500";

    var charts = {
      timeline: {
        type: "line",
        labels: data.timeline.labels,
        datasets: [
          { label: labels.shares, data: data.timeline.shares, borderColor: primary, backgroundColor: primary },
          { label: labels.clicks, data: data.timeline.clicks, borderColor: accent, backgroundColor: accent },
        ],
      },
      participation: {
        type: "line",
        labels: data.timeline.labels,
        datasets: [
          { label: labels.participation, data: data.timeline.participation, borderColor: primary, backgroundColor: primary },
        ],
      },
      networks: {
        type: "bar",
        labels: data.networks.labels,
        datasets: [
          { label: labels.shares, data: data.networks.shares, backgroundColor: primary },
          { label: labels.clicks, data: data.networks.clicks, backgroundColor: accent },
        ],
      },
      formats: {
        type: "bar",
        labels: data.formats.labels,
        datasets: [
          { label: labels.shares, data: data.formats.shares, backgroundColor: primary },
          { label: labels.clicks, data: data.formats.clicks, backgroundColor: accent },
        ],
      },
    };

    document.querySelectorAll("[data-advocacy-chart]").forEach(function (figure) {
      var spec = charts[figure.getAttribute("data-advocacy-chart")];
      if (!spec || spec.labels.length === 0) {
        return;
      }
      var holder = figure.querySelector(".advocacy-chart__canvas");
      holder.hidden = false;
      figure.querySelector(".advocacy-chart__table").open = false;
      new window.Chart(holder.querySelector("canvas"), {
        type: spec.type,
        data: { labels: spec.labels, datasets: spec.datasets },
        options: {
          responsive: true,
          maintainAspectRatio: false,
          animation: window.matchMedia("(prefers-reduced-motion: reduce)").matches ? false : undefined,
          scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
        },
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
