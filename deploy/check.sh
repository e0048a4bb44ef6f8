#!/usr/bin/env bash
# Checks the deployment files without a cluster or Docker: the compose file and the chart's Chart.yaml/values.yaml
# parse as YAML, every .Values path the chart's templates use exists in values.yaml, and the templates' braces balance.
# (helm is not packaged by Debian; where it is installed, `helm lint deploy/helm/adsbridge` and `helm template` say
# more.) Needs python3 with PyYAML (Debian: python3-yaml).
set -euo pipefail
cd "$(dirname "$0")"
python3 - <<'PY'
import re, sys, yaml, pathlib
errors = []
for f in ["compose/docker-compose.yml", "helm/adsbridge/Chart.yaml", "helm/adsbridge/values.yaml"]:
    try:
        yaml.safe_load(open(f))
    except Exception as e:
        errors.append(f"{f}: {e}")
compose = yaml.safe_load(open("compose/docker-compose.yml"))
for name in ["console-1", "console-2", "mcp-1", "mcp-2", "postgres", "redis", "nginx"]:
    if name not in compose.get("services", {}):
        errors.append(f"compose: no service {name}")
values = yaml.safe_load(open("helm/adsbridge/values.yaml"))
for template in pathlib.Path("helm/adsbridge/templates").glob("*"):
    text = template.read_text()
    if text.count("{{") != text.count("}}"):
        errors.append(f"{template}: unbalanced braces")
    for path in sorted(set(re.findall(r"\.Values\.([A-Za-z0-9_.]+)", text))):
        node = values
        for part in path.split("."):
            if not isinstance(node, dict) or part not in node:
                errors.append(f"{template}: .Values.{path} is not in values.yaml")
                break
            node = node[part]
if errors:
    print("\n".join(errors))
    sys.exit(1)
print("deployment files: OK")
PY
