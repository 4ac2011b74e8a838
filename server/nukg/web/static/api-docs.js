// The API documentation page: Swagger UI (vendor/swagger-ui/) shows the server's OpenAPI
// document, with "Try it out" sending its requests to this server.
//
// The page gives #swagger-ui, whose data-spec says where the document is (resolved against the
// page's own address), and loads the bundle before this file (both deferred, so they run in
// order once the page is parsed).  The page's policy lets scripts come from this server only and
// talk to this server only (script-src and connect-src 'self'); Swagger UI needs no eval, and the
// settings below keep it from calling any other host: no online validator badge (which would ask
// validator.swagger.io), and no reading of ?url= or ?configUrl= from the address, so the page
// cannot be pointed at another document.  Without the bundle, whatever the page put inside
// #swagger-ui stays.
(function () {
  "use strict";

  const root = document.getElementById("swagger-ui");
  if (!root || !root.dataset.spec || typeof window.SwaggerUIBundle !== "function") return;

  const SwaggerUIBundle = window.SwaggerUIBundle;
  SwaggerUIBundle({
    domNode: root,
    url: new URL(root.dataset.spec, window.location.href).href,
    layout: "BaseLayout",                      // no top bar, hence no box to load another document
    presets: [SwaggerUIBundle.presets.apis],
    validatorUrl: null,                        // no badge from validator.swagger.io
    queryConfigEnabled: false,                 // the address's query string configures nothing
    deepLinking: true,                         // #/tag/operationId opens that operation
    displayRequestDuration: true,
    persistAuthorization: false,               // nothing kept in localStorage
  });
})();
