#!/usr/bin/env bash
# The cost of Spark's network path on one machine: `bench --engine spark` on local[2] (tasks are
# threads of the driver's JVM) and then on a Spark standalone cluster of two one-core Workers on
# 127.0.0.1 (a Master and two Workers in their own JVMs, each Worker launching one executor JVM; task
# closures, broadcasts and results travel over TCP), with the same slots (2) and workloads.
#
#   bench/standalone-cluster.sh [bench options]      e.g. --workloads b1,sde-dsgd --reps 3 --no-reference
#
# Default options: --workloads b1 --reps 3 --no-reference. Builds the project if needed (through
# submit-scripts/run-local.sh), starts the cluster from the project's classpath in a temporary
# SPARK_HOME, runs bench twice, prints both tables (and writes them as JSON next to the logs), and
# stops every process it started. Nothing here is a test; see docs/benchmarks.md.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$here/submit-scripts/run-local.sh" --version >/dev/null # builds the jar when it is missing or stale
jobs="$here/spark-jobs/target"
jar=$(ls "$jobs"/distsde-spark-jobs-*-app.jar | head -n 1)
cp="$jar:$(cat "$jobs/classpath.txt")"
# the JVM flags of run-local.sh (Spark on Java 17), for the driver, the daemons and the executors
opens=$(sed -n 's/^opens="\(.*\)"$/\1/p' "$here/submit-scripts/run-local.sh")
vector="--add-modules jdk.incubator.vector"
args=("$@")
[ ${#args[@]} -gt 0 ] || args=(--workloads b1 --reps 3 --no-reference)

work=$(mktemp -d "${TMPDIR:-/tmp}/distsde-standalone.XXXXXX")
export SPARK_HOME="$work/spark" SPARK_LOCAL_IP=127.0.0.1 SPARK_SCALA_VERSION=2.13
mkdir -p "$SPARK_HOME/jars"
# a SPARK_HOME whose jars/ is the project's classpath: the Workers launch executors from it
for j in ${cp//:/ }; do
  [ -f "$j" ] && ln -sf "$j" "$SPARK_HOME/jars/$(basename "$j")"
done
pids=()
cleanup() {
  for p in "${pids[@]}"; do
    pkill -TERM -P "$p" 2>/dev/null || true # the Worker's executor JVMs
    kill "$p" 2>/dev/null || true
  done
  wait 2>/dev/null || true
}
trap cleanup EXIT
daemon() { # log, main class, args...
  local log=$1; shift
  # shellcheck disable=SC2086
  java $opens -Xmx512m -cp "$SPARK_HOME/jars/*" "$@" >"$work/$log" 2>&1 &
  pids+=($!)
}
await() { # log, regex: prints the first match of group 1
  for _ in $(seq 600); do
    if m=$(grep -oE "$2" "$work/$1" 2>/dev/null | head -n 1) && [ -n "$m" ]; then echo "$m"; return 0; fi
    sleep 0.1
  done
  echo "timed out waiting for '$2' in $work/$1" >&2; cat "$work/$1" >&2; exit 1
}

daemon master.log org.apache.spark.deploy.master.Master --host 127.0.0.1 --port 0 --webui-port 0
url=$(await master.log 'spark://127\.0\.0\.1:[0-9]+')
for w in 1 2; do
  daemon "worker$w.log" org.apache.spark.deploy.worker.Worker "$url" --host 127.0.0.1 --port 0 --cores 1 \
    --memory 2g --webui-port 0 --work-dir "$work/work$w"
  await "worker$w.log" 'Successfully registered with master' >/dev/null
done
echo "standalone cluster: $url, two Workers of one core (logs in $work)"

bench() { # master, json
  # shellcheck disable=SC2086
  java -Xmx4g $opens $vector -Dlog4j2.configurationFile="$here/conf/log4j2.properties" -Dspark.master="$1" \
    -Dspark.executor.memory=1500m -Dspark.cores.max=2 -Dspark.ui.enabled=false \
    -Dspark.driver.host=127.0.0.1 -Dspark.driver.bindAddress=127.0.0.1 \
    "-Dspark.executor.extraJavaOptions=$opens $vector" \
    -cp "$cp" org.distsde.cli.Main bench --engine spark --json "$2" "${args[@]}"
}
echo; echo "## local[2] (uptime: $(uptime))"
bench 'local[2]' "$work/local.json"
echo; echo "## standalone cluster, two Workers of one core (uptime: $(uptime))"
bench "$url" "$work/standalone.json"
