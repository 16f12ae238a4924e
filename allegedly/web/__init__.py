"""``allegedly serve``: a local web app and REST API over a store.

- :mod:`allegedly.web.app` builds the FastAPI application (:func:`create_app`);
- :mod:`allegedly.web.api` the REST routes under ``/api`` (OpenAPI at ``/openapi.json``);
- :mod:`allegedly.web.pages` the server-rendered pages (Jinja2, autoescaped);
- :mod:`allegedly.web.security` headers (CSP), body limit, Host and same-origin checks;
- :mod:`allegedly.web.service` the store readers and the analyser the routes share;
- :mod:`allegedly.web.charts` the figure timelines, drawn as SVG on the server;
- :mod:`allegedly.web.corpus_api` / :mod:`allegedly.web.corpus_pages` the corpus views (claim
  groups, figure comparisons, provenance graphs, confirm/reject) over
  :mod:`allegedly.web.corpus` and :mod:`allegedly.web.graphs`.

The web layer only reads the store, except for people's confirm/reject decisions about
claim-group members (the corrections layer, followed by an incremental re-link).
Front-end files are bundled in ``static/`` (see ``vendor/update.sh``); nothing is fetched at
run time.
"""
