#!/usr/bin/env bash
# The whole suite, in the order that fails fastest.
set -euo pipefail
export NEXT_TELEMETRY_DISABLED=1
cd "$(dirname "$0")/.."
npm run --silent typecheck
npm run --silent lint
npm run --silent lint:layers
npm run --silent test:unit
# Answer quality on the real-docs corpus: fails when answers fall under the file's thresholds.
npm run --silent eval -- data/eval/answer-questions.json --corpus "$(bash scripts/build-corpus.sh)"
npm run --silent build
npm run --silent test:e2e
npm run --silent bench -- --quick
