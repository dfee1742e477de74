#!/usr/bin/env bash
# Builds the web app for CMake (docs/web.md): installs the npm packages when web/node_modules is
# missing or package-lock.json changed (npm ci), generates the API types from api/openapi.yaml,
# type-checks the app against them (a client that disagrees with the document fails here), bundles
# it with Vite, and writes the C++ source that embeds the bundle in the lnob binary.
#
#   web/scripts/build.sh OUT_DIR     -> OUT_DIR/dist/ (the app), OUT_DIR/web_assets.cpp
set -euo pipefail
web=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$1"
out=$(cd "$1" && pwd)
cd "$web"

# Build directories share web/node_modules: one web build at a time.
exec 9<package-lock.json
flock 9

want=$(sha256sum package-lock.json | cut -c1-64)
stamp=node_modules/.lnob-lock-sha256
if [[ ! -f $stamp || $(<"$stamp") != "$want" ]]; then
  echo "web: npm ci (node_modules missing or package-lock.json changed)"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" >"$stamp"
fi

mkdir -p "$out/gen"
node_modules/.bin/openapi-typescript ../api/openapi.yaml -o "$out/gen/schema.gen.ts" \
  --root-types --root-types-no-schema-prefix >"$out/gen/openapi-typescript.log" 2>&1 ||
  { cat "$out/gen/openapi-typescript.log"; exit 1; }
cat >"$out/tsconfig.json" <<JSON
{
  "extends": "$web/tsconfig.json",
  "compilerOptions": { "paths": { "lnob-api-schema": ["$out/gen/schema.gen.ts"] } },
  "include": ["$web/src"]
}
JSON
node_modules/.bin/tsc --noEmit -p "$out/tsconfig.json" ||
  { echo "web: the app does not type-check against api/openapi.yaml (see above)"; exit 1; }
node_modules/.bin/vite build --outDir "$out/dist" --emptyOutDir --logLevel warn
node scripts/embed.mjs "$out/dist" "$out/web_assets.cpp"
