#!/usr/bin/env bash
# Offline checks of the Terraform in this directory: format, validate, and the plan-mode tests with a mocked AWS
# provider. Uses the hashicorp/aws provider binary installed on the machine (no registry access).
#   check.sh                  the checks
#   check.sh render-iam FILE  writes the plans of tests/iam.tftest.hcl (IAM policies and environments) as JSON lines
#                             to FILE, for the build's IAM simulation (src/build/iam/)
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v terraform >/dev/null 2>&1; then
  echo "infra/check.sh: terraform is not installed" >&2
  exit 1
fi

# A CLI configuration named but absent only produces warnings; nothing here needs one.
if [ -n "${TF_CLI_CONFIG_FILE:-}" ] && [ ! -f "$TF_CLI_CONFIG_FILE" ]; then
  unset TF_CLI_CONFIG_FILE
fi

plugin_dir=${TF_PLUGIN_DIR:-}
if [ -z "$plugin_dir" ]; then
  for root in /opt/tf-plugins /usr/local/share/terraform/plugins /usr/share/terraform/plugins "$HOME/.terraform.d/plugins"; do
    if [ -d "$root/registry.terraform.io/hashicorp/aws" ]; then
      plugin_dir=$root
      break
    fi
  done
fi
if [ -z "$plugin_dir" ]; then
  found=$(find / -path /proc -prune -o -name 'terraform-provider-aws_v5*' -print 2>/dev/null | head -n 1)
  [ -n "$found" ] && plugin_dir=${found%/registry.terraform.io/*}
fi
if [ -z "$plugin_dir" ]; then
  echo "infra/check.sh: no hashicorp/aws provider binary found; set TF_PLUGIN_DIR" >&2
  exit 1
fi

terraform init -backend=false -input=false -plugin-dir="$plugin_dir" >/dev/null
if [ "${1:-}" = "render-iam" ]; then
  out=${2:?render-iam needs an output file}
  terraform test -json -verbose -filter=tests/iam.tftest.hcl >"$out" || {
    echo "infra/check.sh: terraform test of tests/iam.tftest.hcl failed; its output is in $out" >&2
    exit 1
  }
  exit 0
fi
terraform fmt -check -recursive -diff
terraform validate
terraform test
