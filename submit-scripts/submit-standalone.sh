#!/usr/bin/env bash
# Spark standalone cluster: submit-standalone.sh --master spark://host:7077 [spark options] -- <command> ...
# Client deploy mode by default (the config file is read on this machine). For --deploy-mode cluster,
# ship the config with --files conf/x.json and pass --config x.json.
DISTSDE_DEFAULT_OPTS=()
source "$(dirname "${BASH_SOURCE[0]}")/_submit.sh"
