#!/usr/bin/env bash
# Runs a distsde command on the embedded Spark (local[*]); no Spark installation needed.
#   submit-scripts/run-local.sh simulate --config conf/fig1-b1-dsgd.json --out results/b1 [--overwrite] [--set k=v ...]
# Builds the project first if it has not been built. Environment:
#   DISTSDE_MASTER   Spark master (default local[*])     DISTSDE_DRIVER_MEMORY   heap (default 4g)
#   JAVA_OPTS        extra JVM options
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jobs="$here/spark-jobs/target"
jar=$(ls "$jobs"/distsde-spark-jobs-*-app.jar 2>/dev/null | head -n 1 || true)
stale=""
if [ -n "$jar" ] && [ -n "$(find "$here/common/src/main" "$here/spark-jobs/src/main" "$here/pom.xml" "$here/common/pom.xml" \
    "$here/spark-jobs/pom.xml" -newer "$jar" -type f 2>/dev/null | head -n 1)" ]; then
  stale="yes" # sources changed since the jar was built
fi
if [ -z "$jar" ] || [ ! -f "$jobs/classpath.txt" ] || [ -n "$stale" ]; then
  echo "building distsde (mvn -DskipTests package) ..." >&2
  (cd "$here" && mvn -B -q -DskipTests package) >&2
  jar=$(ls "$jobs"/distsde-spark-jobs-*-app.jar | head -n 1)
fi
opens="-XX:+IgnoreUnrecognizedVMOptions --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandles=false -Dio.netty.tryReflectionSetAccessible=true"
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
# the Vector API (org.distsde.rng's fast kernel; without it the same numbers come from plain Java, slower)
vector="--add-modules jdk.incubator.vector"
# shellcheck disable=SC2086
exec java -Xmx"${DISTSDE_DRIVER_MEMORY:-4g}" $opens $vector ${JAVA_OPTS:-} \
  -Dlog4j2.configurationFile="$here/conf/log4j2.properties" \
  -Dspark.master="${DISTSDE_MASTER:-local[*]}" \
  -cp "$jar:$(cat "$jobs/classpath.txt")" org.distsde.cli.Main "$@"
