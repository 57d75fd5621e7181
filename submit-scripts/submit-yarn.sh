#!/usr/bin/env bash
# YARN: submit-yarn.sh [--deploy-mode cluster] [--queue q] [spark options] -- <command> ...
# Needs HADOOP_CONF_DIR (or YARN_CONF_DIR) of the cluster. In cluster deploy mode ship the config with
# --files conf/x.json and pass --config x.json; write results to hdfs:// paths.
# Tested by YarnClusterTest (both deploy modes, against a MiniYARNCluster and MiniDFSCluster).
if [ -z "${HADOOP_CONF_DIR:-}${YARN_CONF_DIR:-}" ]; then
  echo "error: set HADOOP_CONF_DIR or YARN_CONF_DIR to the cluster's Hadoop configuration" >&2
  exit 2
fi
DISTSDE_DEFAULT_OPTS=(--master yarn)
source "$(dirname "${BASH_SOURCE[0]}")/_submit.sh"
