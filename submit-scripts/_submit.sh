#!/usr/bin/env bash
# Shared by submit-standalone.sh, submit-yarn.sh and submit-k8s.sh: a thin wrapper over the user's
# $SPARK_HOME/bin/spark-submit. Usage of each wrapper:
#   submit-X.sh [spark-submit options ...] -- <distsde command and options>
# e.g. submit-standalone.sh --master spark://host:7077 --executor-memory 4g -- \
#        simulate --config conf/fig1-b3-dsignsgd.json --out hdfs:///results/b3
# Environment: SPARK_HOME (required); DISTSDE_APP_JAR, the application jar as a path or URI (e.g.
# local:///opt/distsde/distsde-app.jar inside a Kubernetes image; default: the jar 'mvn package' built).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ -z "${SPARK_HOME:-}" ] || [ ! -x "$SPARK_HOME/bin/spark-submit" ]; then
  echo "error: SPARK_HOME must point to a Spark 4.2 installation (bin/spark-submit not found)" >&2
  exit 2
fi
jar="${DISTSDE_APP_JAR:-$(ls "$here"/spark-jobs/target/distsde-spark-jobs-*-app.jar 2>/dev/null | head -n 1 || true)}"
if [ -z "$jar" ] || { [[ "$jar" != *://* ]] && [ ! -f "$jar" ]; }; then
  echo "error: application jar not built: run 'mvn -B -DskipTests package' first" >&2
  exit 2
fi
spark_opts=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do spark_opts+=("$1"); shift; done
if [ $# -eq 0 ]; then
  echo "error: missing '--' before the distsde command (usage: $(basename "$0") [spark options] -- <command> ...)" >&2
  exit 2
fi
shift
exec "$SPARK_HOME/bin/spark-submit" --class org.distsde.cli.Main \
  --properties-file "$here/conf/spark-defaults.conf" \
  "${DISTSDE_DEFAULT_OPTS[@]}" "${spark_opts[@]}" "$jar" "$@"
