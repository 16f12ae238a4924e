"""``allegedly serve``: a local web app and REST API over a store.

- :mod:`allegedly.web.app` builds the FastAPI application (:func:`create_app`);
- :mod:`allegedly.web.api` the REST routes under ``/api`` (OpenAPI at ``/openapi.json``);
- :mod:`allegedly.web.pages` the server-rendered pages (Jinja2, autoescaped);
- :mod:`allegedly.web.security` headers (CSP), body limit, Host and same-origin checks;
- :mod:`allegedly.web.service` the store readers and the analyser the routes share;
- :mod:`allegedly.web.charts` the figure timelines, drawn as SVG on the server.

The web layer only reads the store (the corrections layer will be its one write).
Front-end files are bundled in ``static/`` (see ``vendor/update.sh``); nothing is fetched at
run time.
"""
