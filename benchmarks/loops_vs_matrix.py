"""The workload of the post 手写BP算法 (half-plane, 2-H-1 sigmoid/MSE): one gradient by per-sample loops
(`bp_core.loops.loop_gradient`) against the matrix version (`TwoLayerNet.gradient`), per batch size.

    .venv/bin/python benchmarks/loops_vs_matrix.py [--quick] [--hidden H] [--repeats R]

Both are timed in the same run, alternately for each batch size (best of R repeats), and checked to give
the same numbers (allclose on every parameter) before being timed.
"""

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bp_core import loops  # noqa: E402
from bp_core.course.experiments import half_plane_problem  # noqa: E402
from bp_core.course.scenes.mini_batches import time_loop_vs_matrix  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="batch sizes 1, 10, 100 only")
    parser.add_argument("--hidden", type=int, default=4,
                        help="hidden units H (a 2-H-1 net, as in the post 手写BP算法)")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    sizes = [1, 10, 100] if args.quick else [1, 10, 100, 1000, 10000]
    net, X, T = half_plane_problem(max(sizes), args.hidden)
    same = all(np.allclose(a, b, rtol=1e-10, atol=1e-14) for a, b in
               zip(loops.loop_gradient(net.params, X, T).values(), net.gradient(X, T).values(), strict=True))
    print(f"2-{args.hidden}-1 sigmoid/MSE net on the half-plane; loops and matrices agree: {same}")
    print(f"{'N':>7} {'loops ms':>10} {'matrix ms':>10} {'speed-up':>9}")
    for N, t_loop, t_matrix in time_loop_vs_matrix(sizes, args.hidden, args.repeats):
        print(f"{int(N):>7} {t_loop * 1e3:>10.3f} {t_matrix * 1e3:>10.3f} {t_loop / t_matrix:>8.1f}x")


if __name__ == "__main__":
    main()
