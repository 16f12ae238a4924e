/* Starts Swagger UI (bundled from the swagger-ui-dist npm package) on /openapi.json. */
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  window.SwaggerUIBundle({
    url: root.getAttribute("data-spec"),
    dom_id: "#swagger-ui",
    deepLinking: true,
    validatorUrl: null
  });
})();
