#!/usr/bin/env bash
# Rebuild allegedly/web/static/vendor/ from the npm packages pinned in package-lock.json.
# Run from anywhere: bash allegedly/web/vendor/update.sh  (needs node + npm; the result is
# committed, so installing or running allegedly never needs npm or the network).
set -euo pipefail
cd "$(dirname "$0")"
# --ignore-scripts: swagger-ui-dist's dependency @scarf/scarf would otherwise run an
# install-time analytics hook
npm ci --ignore-scripts --no-audit --no-fund
out=../static/vendor/swagger-ui
rm -rf "$out" && mkdir -p "$out"
src=node_modules/swagger-ui-dist
cp "$src/swagger-ui-bundle.js" "$src/swagger-ui.css" "$src/LICENSE" "$src/NOTICE" "$out/"
node -e 'console.log(require("./node_modules/swagger-ui-dist/package.json").version)' \
  > "$out/VERSION"
echo "vendored swagger-ui-dist $(cat "$out/VERSION") into $out"
# cytoscape.js (MIT): the provenance graphs of /groups/{id} and /sources/{id}
out=../static/vendor/cytoscape
rm -rf "$out" && mkdir -p "$out"
src=node_modules/cytoscape
cp "$src/dist/cytoscape.min.js" "$src/LICENSE" "$out/"
node -e 'console.log(require("./node_modules/cytoscape/package.json").version)' \
  > "$out/VERSION"
echo "vendored cytoscape $(cat "$out/VERSION") from https://www.npmjs.com/package/cytoscape into $out"
rm -rf node_modules
