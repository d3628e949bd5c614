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
    // Wagtail's warning amber is 1.9:1 on white, too pale for a bar (WCAG 1.4.11 asks
    // 3:1): a darker orange, still far in hue from the teal of the shares.
    var accent = "#c45f00";

    // One series per figure the chart compares: [label, values, colour]. seriesLabels
    // come from the server, already written in the reader's language ("3 nov.").
    function chart(type, series, seriesLabels, titles) {
      return {
        type: type,
        labels: seriesLabels,
        titles: titles,
        datasets: series.map(function (one) {
          var line = { label: one[0], data: one[1], backgroundColor: one[2] };
          if (type === "line") {
            line.borderColor = one[2];
          }
          return line;
        }),
      };
    }

    function sharesAndClicks(type, figures) {
      return chart(type, [[labels.shares, figures.shares, primary], [labels.clicks, figures.clicks, accent]], figures.labels, figures.titles);
    }

    var charts = {
      timeline: sharesAndClicks("line", data.timeline),
      participation: chart("line", [[labels.participation, data.timeline.participation, primary]], data.timeline.labels, data.timeline.titles),
      networks: sharesAndClicks("bar", data.networks),
      formats: sharesAndClicks("bar", data.formats),
    };

    document.querySelectorAll("[data-advocacy-chart]").forEach(function (figure) {
      var spec = charts[figure.getAttribute("data-advocacy-chart")];
      if (!spec || spec.labels.length === 0) {
        return;
      }
      var holder = figure.querySelector(".advocacy-chart__canvas");
      holder.hidden = false;
      figure.querySelector(".advocacy-chart__table").open = false;
      var options = {
        responsive: true,
        maintainAspectRatio: false,
        animation: window.matchMedia("(prefers-reduced-motion: reduce)").matches ? false : undefined,
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
      };
      if (spec.titles) {
        // Dates: level, as many as fit (Chart.js skips the others), and the full date in
        // the tooltip.
        options.scales.x = { ticks: { maxRotation: 0, autoSkipPadding: 12 } };
        options.plugins = {
          tooltip: {
            callbacks: {
              title: function (items) {
                return items.length ? spec.titles[items[0].dataIndex] : "";
              },
            },
          },
        };
      }
      new window.Chart(holder.querySelector("canvas"), {
        type: spec.type,
        data: { labels: spec.labels, datasets: spec.datasets },
        options: options,
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
