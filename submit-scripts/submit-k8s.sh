#!/usr/bin/env bash
# Kubernetes: submit-k8s.sh --master k8s://https://<api-server>:443 \
#   --conf spark.kubernetes.container.image=<image with Java 17 + Spark 4.2.0> [spark options] -- <command> ...
# Uses conf/k8s-pod-template.yaml for driver and executors. In cluster deploy mode the application jar
# and the config must be reachable from the pods: use local:///opt/... paths baked into the image, or
# --files conf/x.json with --config x.json (local files are uploaded to spark.kubernetes.file.upload.path,
# an hdfs:// or s3a:// directory); write results to a shared file system (hdfs://, s3a://).
# DISTSDE_APP_JAR=local:///opt/... names the application jar inside the image.
# What the submission creates is tested by KubernetesSubmitTest (against a mock API server).
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DISTSDE_DEFAULT_OPTS=(--deploy-mode cluster
  --conf "spark.kubernetes.driver.podTemplateFile=$here/conf/k8s-pod-template.yaml"
  --conf "spark.kubernetes.executor.podTemplateFile=$here/conf/k8s-pod-template.yaml")
source "$(dirname "${BASH_SOURCE[0]}")/_submit.sh"
