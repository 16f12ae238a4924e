/* allegedly: draw the provenance graph of a claim group or a source with cytoscape.js.
 * The page holds <div class="prov-graph" data-graph-url="/api/graph?..."> (no inline script:
 * the CSP forbids it); the graph comes from that same-origin JSON endpoint. Labels are drawn on
 * a canvas as text, never parsed as HTML. Clicking a report opens its article, a source its
 * page. When drawn, the box gets data-rendered="N" (N nodes) for tests and assistive text. */
(function () {
  "use strict";

  var COLOURS = {
    outlet: "#0b3d91", document: "#6b6b6b", person: "#8a3b00", government: "#2f6b00",
    organisation: "#5a2d82", organization: "#5a2d82", anonymous: "#7a7a00",
    evidence: "#00606b", media: "#0b3d91", source: "#444444"
  };

  var STYLE = [
    { selector: "node", style: {
      "label": "data(label)", "font-size": 11, "text-wrap": "wrap", "text-max-width": 150,
      "text-valign": "bottom", "text-margin-y": 4, "color": "#1b1b1b",
      "background-color": "data(colour)", "width": 22, "height": 22,
      "border-width": 1, "border-color": "#ffffff" } },
    { selector: "node[kind = 'outlet']", style: { "shape": "round-rectangle", "width": 30 } },
    { selector: "node[kind = 'document']", style: { "shape": "rectangle", "width": 18,
      "height": 24 } },
    { selector: "node[status = 'suggested']", style: { "border-width": 3,
      "border-color": "#c77700", "border-style": "dashed" } },
    { selector: "node[status = 'rejected']", style: { "opacity": 0.45 } },
    { selector: "node[origin = 'independent']", style: { "shape": "star", "width": 34,
      "height": 34, "border-width": 3, "border-color": "#b00000", "font-weight": "bold" } },
    { selector: "node[origin = 'inherited']", style: { "shape": "star", "width": 28,
      "height": 28, "border-width": 3, "border-color": "#b00000",
      "border-style": "dashed" } },
    { selector: "node[?focus]", style: { "width": 34, "height": 34, "border-width": 3,
      "border-color": "#1b1b1b", "font-weight": "bold", "font-size": 13 } },
    { selector: "edge", style: {
      "width": "mapData(weight, 1, 10, 1.5, 6)", "line-color": "#9a9a9a",
      "target-arrow-color": "#9a9a9a", "target-arrow-shape": "triangle",
      "curve-style": "bezier", "arrow-scale": 1.1 } },
    { selector: "edge[kind = 'published']", style: { "line-color": "#8fa8d6",
      "target-arrow-color": "#8fa8d6" } },
    { selector: "edge[kind = 'inherited']", style: { "line-style": "dashed" } },
    { selector: "edge[kind = 'copy_of'], edge[kind = 'wire']", style: {
      "line-style": "dotted" } },
    { selector: "node:selected", style: { "overlay-opacity": 0.15 } }
  ];

  function elements(graph) {
    var out = [];
    graph.nodes.forEach(function (n) {
      out.push({ group: "nodes", data: {
        id: n.id, label: String(n.label || ""), kind: n.kind || "source",
        colour: COLOURS[n.kind] || COLOURS.source, origin: n.origin || "",
        status: n.status || "", article: n.article || "", claim: n.claim || "",
        source: n.source || "", focus: Boolean(n.focus) } });
    });
    graph.edges.forEach(function (e) {
      out.push({ group: "edges", data: { id: e.id, source: e.source, target: e.target,
        kind: e.kind, weight: e.weight || 1 } });
    });
    return out;
  }

  function open(node) {
    var d = node.data();
    if (d.article) {
      window.location.href = "/articles/" + encodeURIComponent(d.article) +
        (d.claim ? "#alg-" + encodeURIComponent(d.article) + "-" + encodeURIComponent(d.claim)
          : "");
    } else if (d.source) {
      window.location.href = "/sources/" + encodeURIComponent(d.source);
    }
  }

  function draw(box, graph) {
    box.textContent = "";
    var cy = window.cytoscape({ container: box, elements: elements(graph), style: STYLE,
      minZoom: 0.3, maxZoom: 3, boxSelectionEnabled: false });
    cy.layout({ name: "breadthfirst", directed: true, roots: cy.nodes().roots(),
      spacingFactor: 1.05, padding: 16, avoidOverlap: true }).run();
    cy.on("tap", "node", function (evt) { open(evt.target); });
    box.setAttribute("data-rendered", String(cy.nodes().length));
    box.setAttribute("aria-label", box.getAttribute("aria-label") + " (" +
      cy.nodes().length + " nodes, " + cy.edges().length + " edges)");
    box.cy = cy;
  }

  function load(box) {
    var url = box.getAttribute("data-graph-url");
    if (!url || url.indexOf("/api/graph?") !== 0 || typeof window.cytoscape !== "function") {
      return;
    }
    fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (r) {
        if (!r.ok) { throw new Error("HTTP " + r.status); }
        return r.json();
      })
      .then(function (graph) {
        if (!graph.nodes.length) {
          box.textContent = "Nothing to draw.";
          return;
        }
        draw(box, graph);
      })
      .catch(function (err) {
        box.textContent = "The graph could not be drawn (" + err.message + ").";
      });
  }

  document.querySelectorAll(".prov-graph[data-graph-url]").forEach(load);
})();
