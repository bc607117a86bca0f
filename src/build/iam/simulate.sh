#!/usr/bin/env bash
# The IAM simulation, run by ./mvnw verify after the tests: installs the simulator (the npm package pinned in
# package.json and package-lock.json, with the machine's Node.js) into target/iam-simulation, renders the policies of
# infra/ offline, and evaluates every AWS call the tests recorded (target/aws-calls) against them (simulate.mjs).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
work="$root/target/iam-simulation"

for tool in node npm; do
  command -v "$tool" >/dev/null 2>&1 || { echo "src/build/iam/simulate.sh: $tool is not installed" >&2; exit 1; }
done
mkdir -p "$work"
cp "$here/simulate.mjs" "$work/"
if ! cmp -s "$here/package-lock.json" "$work/package-lock.json" || [ ! -d "$work/node_modules/@cloud-copilot/iam-simulate" ]; then
  cp "$here/package.json" "$here/package-lock.json" "$work/"
  (cd "$work" && npm ci --no-audit --no-fund --loglevel=error)
fi
bash "$root/infra/check.sh" render-iam "$work/plan.jsonl"
node "$work/simulate.mjs" "$work/plan.jsonl" "$root/target/aws-calls"
