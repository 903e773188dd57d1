// Charts: every element with data-chart="<id>" is drawn by ECharts from the
// JSON block <script type="application/json" id="<id>"> (web/chart.go). A
// file, not inline code: the CSP forbids inline scripts and styles. ECharts
// draws on a canvas and styles its own elements through the CSSOM, which
// the CSP allows; its tooltip is drawn on the canvas too (renderMode
// richText), since the HTML one would insert style attributes the CSP
// refuses. Each chart's numbers are also in a table on the page.
(function () {
  "use strict";

  function option(spec) {
    // the page's heading names the chart: no title drawn inside it
    var base = {
      tooltip: { renderMode: "richText", trigger: spec.kind === "pie" ? "item" : "axis" },
      legend: { bottom: 0 },
      animation: false
    };
    if (spec.kind === "pie") {
      base.series = spec.series.map(function (s) {
        return { name: s.name, type: "pie", radius: ["35%", "62%"], data: s.data,
          label: { formatter: "{b}：{c}" } };
      });
      return base;
    }
    var n = (spec.categories || []).length;
    var many = n > 8;
    base.grid = { left: 8, right: 8, top: 36, bottom: 40, containLabel: true };
    base.xAxis = { type: "category", data: spec.categories || [],
      axisLabel: { interval: 0, rotate: n > 3 ? 35 : 0 } };
    base.yAxis = (spec.axes && spec.axes.length ? spec.axes : [{ name: "" }]).map(function (a) {
      var axis = { type: "value", name: a.name };
      if (a.max) { axis.max = a.max; }
      return axis;
    });
    base.series = spec.series.map(function (s) {
      var out = { name: s.name, type: s.kind || "bar", yAxisIndex: s.axis || 0, data: s.data, barMaxWidth: 48 };
      if (s.stack) { out.stack = s.stack; }
      if (s.color) { out.itemStyle = { color: s.color }; }
      if (out.type === "bar" && !many) { out.label = { show: true, position: s.stack ? "inside" : "top" }; }
      return out;
    });
    return base;
  }

  function draw() {
    if (typeof echarts === "undefined") {
      return; // the table beside each chart still has every number
    }
    var charts = [];
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var src = document.getElementById(el.getAttribute("data-chart"));
      if (!src) {
        return;
      }
      var spec = JSON.parse(src.textContent);
      if (!spec || !spec.series || spec.series.length === 0) {
        return;
      }
      var chart = echarts.init(el, null, { renderer: "canvas" });
      chart.setOption(option(spec));
      charts.push(chart);
    });
    window.addEventListener("resize", function () {
      charts.forEach(function (c) { c.resize(); });
    });
  }

  document.addEventListener("DOMContentLoaded", draw);
})();
