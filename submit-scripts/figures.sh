#!/usr/bin/env bash
# Regenerates every figure and the HTML report into one folder, on the embedded Spark:
#   submit-scripts/figures.sh [out-dir] [--full]
# Figure 1 (Appendix B.1-B.3) of the (L0, L1) paper, optimizer and SDE overlaid, with the theorem
# checks; of seed 000, Figure 2 (SignSGD phases, loss bounds, moments, schedulers: Lemmas 3.4-3.9),
# Corollary 3.11 (Student-t, nu = 2) and Figure 6 (SGD and SignSGD asymptotic loss against Lemmas
# 3.6 and 3.5); the adaptive optimizers (Figures 3, 5, 6, 9, 12: RMSprop(W), Adam(W) against seed 000's and
# Malladi et al.'s SDEs and Lemmas 3.13, 3.14, C.39-C.57), the Breast Cancer DNN panels (Figures 1, 10, 13
# top-left, and ten agents holding the rows), a distributed AdamW comparison and heavy-tailed noise against the number of agents N (sweep-charts). B.2 (d = 1000) runs 100 Monte Carlo runs unless --full (the paper's 1000, ~10x longer); --full also adds N = 10^5 to the heavy-tail sweep.
# The measured stability frontiers (largest eta with <= 5% diverged) of B.1 and B.2 against Eq. 1 / 5
# are frontier-b1/ and frontier-b2/ (frontier.csv, frontier.json); the report draws them, and the
# heavy-tail sweep's charts, with the other results.
# The compressors (docs/compressors.md): EF21's and DIANA's SDEs (converge), the Breast Cancer DNN
# with compressed messages (loss against rounds and bits), compressors against noise tails and N
# (sweep-charts), and the frontier over omega for every unbiased compressor (frontier-compressors-*).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-figures}"
b2runs=100
[ "${2:-}" = "--full" ] && b2runs=1000
mkdir -p "$out"
start=$(date +%s)
run() { # name config [--set ...]
  cmd simulate "$@"
}
cmd() { # command name config [--set ...]
  local command=$1 name=$2; shift 2
  local t0; t0=$(date +%s)
  "$here/submit-scripts/run-local.sh" "$command" --config "$@" --out "$out/$name" --overwrite > "$out/$name.log" 2>&1 \
    || { echo "$name failed, see $out/$name.log" >&2; exit 1; }
  echo "$name: $(( $(date +%s) - t0 )) s"
}
run fig1-b1 "$here/conf/fig1-b1-dsgd.json"
run fig1-b2 "$here/conf/fig1-b2-dcsgd.json" --set runs=$b2runs
run fig1-b3 "$here/conf/fig1-b3-dsignsgd.json"
cmd integrate seed000-fig2-phases "$here/conf/seed000-fig2-phases.json"
run seed000-fig2-loss "$here/conf/seed000-fig2-loss.json"
run seed000-fig2-moments "$here/conf/seed000-fig2-moments.json"
run seed000-fig2-schedulers "$here/conf/seed000-fig2-schedulers.json"
run seed000-cor311-student "$here/conf/seed000-cor311-student.json"
run seed000-fig6-sgd "$here/conf/seed000-fig6-dsgd.json"
run seed000-fig6-signsgd "$here/conf/seed000-fig6-dsignsgd.json"
run thm6-erratum-dcsgd "$here/conf/thm6-erratum-dcsgd.json"
cmd converge converge-dsgd-affine "$here/conf/converge-dsgd-affine.json" --etas 4
# seed 000's adaptive optimizers: RMSprop(W), Adam(W) against their SDEs and Malladi et al.'s, closed forms
run seed000-fig9-rmsprop "$here/conf/seed000-fig9-rmsprop.json"
run seed000-fig9-rmsprop-saddle "$here/conf/seed000-fig9-rmsprop-saddle.json"
run seed000-fig12-adam "$here/conf/seed000-fig12-adam.json"
run seed000-fig12-adam-saddle "$here/conf/seed000-fig12-adam-saddle.json"
run seed000-fig3-adamw "$here/conf/seed000-fig3-adamw.json"
run seed000-fig3-rmspropw "$here/conf/seed000-fig3-rmspropw.json"
run seed000-fig5-adamw-scaling "$here/conf/seed000-fig5-adamw-scaling.json"
run seed000-fig5-rmspropw-scaling "$here/conf/seed000-fig5-rmspropw-scaling.json"
run seed000-fig5-betas "$here/conf/seed000-fig5-betas.json"
run seed000-fig5-stationary "$here/conf/seed000-fig5-stationary.json"
run seed000-fig6-adam "$here/conf/seed000-fig6-adam.json"
run seed000-fig6-adamw "$here/conf/seed000-fig6-adamw.json"
run distributed-adamw "$here/conf/distributed-adamw-vs-dsgd-dsign.json"
cmd frontier frontier-b1 "$here/conf/frontier-b1-dsgd.json" --steps 10
cmd frontier frontier-b2 "$here/conf/frontier-b2-dcsgd.json" --steps 10
# the Breast Cancer DNN: seed 000's Figures 1, 10, 13 (top-left) and ten agents holding the rows (about 25 min)
run seed000-fig1-dnn-signsgd "$here/conf/seed000-fig1-dnn-signsgd.json"
run seed000-fig10-dnn-rmsprop "$here/conf/seed000-fig10-dnn-rmsprop.json"
run seed000-fig13-dnn-adam "$here/conf/seed000-fig13-dnn-adam.json"
run dnn-breast-cancer-n10 "$here/conf/dnn-breast-cancer-n10.json"
run dnn-breast-cancer-n10-minibatch "$here/conf/dnn-breast-cancer-n10-minibatch.json"
# heavy-tailed noise against the number of agents N (N = 10^5 with --full), drawn by sweep-charts
run heavy-tails-vs-n "$here/conf/heavy-tails-vs-n.json"
htn=(--in "$out/heavy-tails-vs-n")
if [ "${2:-}" = "--full" ]; then
  run heavy-tails-vs-n-1e5 "$here/conf/heavy-tails-vs-n-1e5.json"
  htn+=(--in "$out/heavy-tails-vs-n-1e5")
fi
"$here/submit-scripts/run-local.sh" sweep-charts "${htn[@]}" --out "$out/heavy-tails-vs-n-charts" --overwrite \
  --name heavy-tails-vs-n --title "Heavy-tailed noise against the number of agents N (cosh, d = 1, 200 runs, 100 rounds)" \
  > "$out/heavy-tails-vs-n-charts.log" 2>&1 || { echo "sweep-charts failed, see $out/heavy-tails-vs-n-charts.log" >&2; exit 1; }
# the compressor family, EF-SGD, EF21, DIANA and their SDEs (docs/compressors.md)
cmd converge converge-ef21-affine "$here/conf/converge-ef21-affine.json" --etas 4
cmd converge converge-diana-affine "$here/conf/converge-diana-affine.json" --etas 4
run compressors-breast-cancer "$here/conf/compressors-breast-cancer.json"
run compressors-tails-vs-n "$here/conf/compressors-tails-vs-n.json"
"$here/submit-scripts/run-local.sh" sweep-charts --in "$out/compressors-tails-vs-n" --out "$out/compressors-tails-vs-n-charts" \
  --overwrite --name compressors-tails-vs-n --title "Compressors at about 280 bits per agent and round against noise tails and N" \
  > "$out/compressors-tails-vs-n-charts.log" 2>&1 || { echo "sweep-charts failed, see $out/compressors-tails-vs-n-charts.log" >&2; exit 1; }
cmd frontier frontier-compressors-rand-k "$here/conf/frontier-compressors.json" --param compression.omega --steps 10
cmd frontier frontier-compressors-random-sparsification "$here/conf/frontier-compressors.json" --param compression.omega \
  --steps 10 --set 'compression={"type": "random-sparsification", "omega": 1.0}'
cmd frontier frontier-compressors-qsgd "$here/conf/frontier-compressors.json" --param compression.omega --steps 10 \
  --set 'compression={"type": "qsgd", "s": 4}'
cmd frontier frontier-compressors-rand-k-natural "$here/conf/frontier-compressors.json" --param compression.omega \
  --steps 10 --set 'compression={"type": "rand-k-natural", "k": 50}'
"$here/submit-scripts/run-local.sh" report --in "$out/fig1-b1" --in "$out/fig1-b2" --in "$out/fig1-b3" \
  --in "$out/seed000-fig2-phases" --in "$out/seed000-fig2-loss" --in "$out/seed000-fig2-moments" \
  --in "$out/seed000-fig2-schedulers" --in "$out/seed000-cor311-student" \
  --in "$out/seed000-fig6-sgd" --in "$out/seed000-fig6-signsgd" --in "$out/thm6-erratum-dcsgd" \
  --in "$out/converge-dsgd-affine" \
  --in "$out/seed000-fig9-rmsprop" --in "$out/seed000-fig9-rmsprop-saddle" --in "$out/seed000-fig12-adam" \
  --in "$out/seed000-fig12-adam-saddle" --in "$out/seed000-fig3-adamw" --in "$out/seed000-fig3-rmspropw" \
  --in "$out/seed000-fig5-adamw-scaling" --in "$out/seed000-fig5-rmspropw-scaling" --in "$out/seed000-fig5-betas" \
  --in "$out/seed000-fig5-stationary" --in "$out/seed000-fig6-adam" --in "$out/seed000-fig6-adamw" \
  --in "$out/distributed-adamw" \
  --in "$out/seed000-fig1-dnn-signsgd" --in "$out/seed000-fig10-dnn-rmsprop" --in "$out/seed000-fig13-dnn-adam" \
  --in "$out/dnn-breast-cancer-n10" --in "$out/dnn-breast-cancer-n10-minibatch" \
  --in "$out/frontier-b1" --in "$out/frontier-b2" --in "$out/heavy-tails-vs-n-charts" \
  --in "$out/converge-ef21-affine" --in "$out/converge-diana-affine" --in "$out/compressors-breast-cancer" \
  --out "$out/report" --overwrite \
  --title "Figure 1 of the (L0, L1) paper; Figures 1, 2, 3, 5, 6, 9, 10, 12, 13 and Corollary 3.11 of the adaptive-methods paper" 2>/dev/null
echo "all figures: $(( $(date +%s) - start )) s; open $out/report/index.html"
