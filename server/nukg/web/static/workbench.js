// The SPARQL workbench: the query page's form becomes YASGUI (vendor/yasgui/), an editor
// with autocompletion and a result table, once the bundle has loaded.
//
// The page (templates/query.html) gives #query-form, which works without JavaScript, and
// #workbench, whose data- attributes say where the endpoint and the editor are and how the
// dataset's IRIs map to this server's pages; #nukg-prefixes holds the dataset's prefixes and
// #examples the named queries.  Everything here talks to this server only: the policy of the
// page (connect-src 'self') forbids anything else, so YASGUI's own helpers that call other
// hosts (class and property suggestions from Linked Open Vocabularies, the endpoint catalogue,
// a CORS proxy) are replaced or left unconfigured.
(function () {
  "use strict";

  const root = document.getElementById("workbench");
  const form = document.getElementById("query-form");
  const textarea = document.getElementById("query");
  if (!root || !form || !textarea || typeof window.Yasgui !== "function") return;  // the plain form stays

  const Yasgui = window.Yasgui;
  const Yasqe = Yasgui.Yasqe;
  const Yasr = Yasgui.Yasr;
  const { editor, resourceBase, localBase } = root.dataset;
  const endpoint = new URL(root.dataset.endpoint, window.location.href).href;  // YASGUI parses it as an absolute URL
  const prefixes = readPrefixes();  // {name: namespace IRI}, the dataset's, in the page's order

  // What the class and property suggestions are drawn from: every term in use, asked once.
  const TERM_QUERIES = {
    class: "SELECT DISTINCT ?term WHERE { [] a ?term } ORDER BY ?term LIMIT 5000",
    property: "SELECT DISTINCT ?term WHERE { [] ?term [] } ORDER BY ?term LIMIT 5000",
  };
  const MAX_SUGGESTIONS = 100;
  const termLists = {};  // kind -> Promise of IRIs

  predeclarePrefixes();
  replaceAutocompleters();
  linkResultsToLocalPages();
  explainRefusals();

  form.hidden = true;
  root.hidden = false;  // before mounting: CodeMirror measures itself when it is created
  let yasgui;
  try {
    yasgui = new Yasgui(root, {
      persistenceId: null,      // no localStorage: the page's query is the one shown, so a permalink reopens exactly its query
      populateFromUrl: false,   // the server already put ?query= in the textarea; other URL parameters configure nothing
      autofocus: false,
      endpointCatalogueOptions: { getData: () => [] },  // no other endpoints to offer (the field is hidden, see workbench.css)
      requestConfig: {
        endpoint: endpoint,
        method: "POST",  // a form body, so long queries fit
        acceptHeaderSelect: "application/sparql-results+json",
        acceptHeaderGraph: "text/turtle",
      },
      yasqe: { value: textarea.value },
      yasr: { prefixes: prefixes },  // result IRIs shown as nuk:..., even where the query leaves the prefix predeclared
    });
  } catch (error) {
    root.hidden = true;
    form.hidden = false;
    throw error;
  }
  const tab = yasgui.getTab();

  // YASGUI's "share" button offers the same permalink as the page.
  tab.getShareableLink = () => new URL(permalink(tab.getQuery()), window.location.href).href;

  // The permalink and the address bar follow the query as it is edited.
  const permalinkEl = document.getElementById("permalink");
  let pending = null;
  function syncPermalink() {
    clearTimeout(pending);
    const url = permalink(tab.getQuery());
    if (permalinkEl) permalinkEl.href = url;
    window.history.replaceState(window.history.state, "", url);
  }
  tab.getYasqe().on("change", () => {
    clearTimeout(pending);
    pending = setTimeout(syncPermalink, 400);
  });

  // An example's "run" link loads and runs it here; its "edit" link only loads it.
  const examples = document.getElementById("examples");
  if (examples) {
    examples.addEventListener("click", (event) => {
      const link = event.target.closest("a.run, a.edit");
      const example = link && link.closest(".example");
      if (!example || example.dataset.query === undefined) return;
      if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;  // new tab etc.
      event.preventDefault();
      tab.setQuery(example.dataset.query);
      syncPermalink();
      root.scrollIntoView({ block: "start" });
      if (link.classList.contains("run")) {
        tab.query().catch(() => {});  // a failed query is shown in the results pane
      } else {
        tab.getYasqe().focus();
      }
    });
  }

  function permalink(query) {
    return editor + "?edit=1&query=" + encodeURIComponent(query);
  }

  function readPrefixes() {
    const el = document.getElementById("nukg-prefixes");
    try {
      return el ? JSON.parse(el.textContent) : {};
    } catch (error) {
      return {};
    }
  }

  // The endpoint predeclares the dataset's prefixes, so the editor's grammar must know them
  // too: else `nuo:Summit` in a query without a PREFIX line is marked as an error.  The
  // editor's "prefixes of the query" then include them, so they are not added as PREFIX lines.
  function predeclarePrefixes() {
    const CodeMirror = Object.getPrototypeOf(Yasqe);  // Yasqe extends CodeMirror 5
    const sparql = CodeMirror.modes && CodeMirror.modes.sparql11;
    if (!sparql) return;
    CodeMirror.defineMode("sparql11", (config, modeConfig) => {
      const mode = sparql(config, modeConfig);
      const startState = mode.startState;
      return Object.assign({}, mode, {
        startState: (...args) => Object.assign(startState(...args), { prefixes: Object.assign({}, prefixes) }),
      });
    });
  }

  // Yasqe's completers are looked up by name when an editor is created, so registering ours
  // under the built-in names replaces them everywhere on this page.
  function replaceAutocompleters() {
    const builtIn = Object.assign({}, Yasqe.Autocompleters);  // a copy: ours take the names over in the original

    // Prefixes: this dataset's only (the endpoint predeclares them all).  YASGUI's bundled list,
    // copied from prefix.cc, holds entries no public site should offer, so it is left out.
    const ours = Object.keys(prefixes);
    const rank = (hint) => {
      const i = ours.indexOf(hint.text.split(":")[0]);
      return i < 0 ? ours.length : i;
    };
    Yasqe.registerAutocompleter(Object.assign({}, builtIn.prefixes, {
      persistenceId: null,  // the list is rebuilt on each load, never kept in localStorage
      get: () => Promise.resolve(ours.map((name) => `${name}: <${prefixes[name]}>`)),
      postprocessHints: (yasqe, hints) =>
        hints.slice().sort((a, b) => rank(a) - rank(b) || a.text.localeCompare(b.text)),
    }));

    // Classes and properties: the terms this endpoint's data uses, asked once and kept.
    for (const kind of Object.keys(TERM_QUERIES)) {
      Yasqe.registerAutocompleter(Object.assign({}, builtIn[kind], {
        autoShow: true,
        bulk: false,
        persistenceId: null,
        get: (yasqe, token) =>
          terms(kind).then((iris) => {
            const start = (token && token.autocompletionString) || "";
            return iris.filter((iri) => iri.startsWith(start)).slice(0, MAX_SUGGESTIONS);
          }),
      }));
    }
  }

  function terms(kind) {
    if (!termLists[kind]) {
      termLists[kind] = select(TERM_QUERIES[kind]).catch(() => {
        delete termLists[kind];  // ask again next time
        return [];
      });
    }
    return termLists[kind];
  }

  function select(query) {
    return fetch(endpoint, {
      method: "POST",
      headers: { Accept: "application/sparql-results+json" },
      body: new URLSearchParams({ query: query }),
    })
      .then((response) => {
        if (!response.ok) throw new Error(`${response.status} from the endpoint`);
        return response.json();
      })
      .then((answer) =>
        answer.results.bindings.filter((b) => b.term && b.term.type === "uri").map((b) => b.term.value)
      );
  }

  // The endpoint explains a refusal in JSON ({"error": "Syntax error at 1:52: ...", ...}):
  // the results pane shows that sentence rather than the JSON.
  function explainRefusals() {
    const explain = (error) => {
      let message;
      try {
        message = JSON.parse(error.text).error;
      } catch (notJson) {
        return undefined;  // YASGUI's own rendering
      }
      if (typeof message !== "string") return undefined;
      const el = document.createElement("p");
      el.className = "endpointError";
      el.textContent = message;
      return el;
    };
    Yasr.defaults.errorRenderers = [explain].concat(Yasr.defaults.errorRenderers || []);
  }

  // Result tables link the dataset's own IRIs to this server's pages (the permanent address
  // may not resolve here, or not yet).  The table plugin passes its settings to DataTables,
  // whose drawCallback runs after every draw: first show, paging, sorting, view toggles.
  function linkResultsToLocalPages() {
    const table = Yasr.plugins.table;
    if (!resourceBase || localBase === undefined || !table || !table.defaults) return;
    const config = table.defaults.tableConfig;
    const previous = config.drawCallback;
    config.drawCallback = function (settings) {
      if (previous) previous.apply(this, arguments);
      for (const a of settings.nTable.querySelectorAll("a.iri")) {
        const iri = a.getAttribute("href");
        const rest = iri && iri.startsWith(resourceBase) ? iri.slice(resourceBase.length) : "";
        // "BASE//host/..." or a backslash would make a link to another host: those keep their address
        if (rest && !rest.startsWith("/") && !rest.includes("\\")) {
          a.href = localBase + rest;
          a.title = iri;
        }
      }
    };
  }
})();
