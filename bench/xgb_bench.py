"""XGBoost side of bench/gbdt-vs-xgboost.ts.

Reads the float32 data the TypeScript side wrote, trains with the same parameters and prints one
JSON line with every run's training wall and CPU seconds and the holdout RMSE, then times batch
predictions one at a time when asked on stdin. Run with Debian's /usr/bin/python3 (python3-xgboost is installed for it, not for pyenv).
"""

import json
import os
import subprocess
import sys
import time


def ensure_xgboost():
    try:
        import xgboost  # noqa: F401
    except ImportError:
        print("python3-xgboost missing: installing it with apt-get", file=sys.stderr)
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "update"], check=True, env=env, stdout=sys.stderr)
        subprocess.run(["apt-get", "install", "-y", "python3-xgboost"], check=True, env=env, stdout=sys.stderr)


def main():
    data_dir = sys.argv[1]
    ensure_xgboost()
    import numpy as np
    import xgboost as xgb

    with open(os.path.join(data_dir, "meta.json")) as f:
        meta = json.load(f)
    n_features, n_train = meta["nFeatures"], meta["nTrain"]
    x = np.fromfile(os.path.join(data_dir, "x.f32"), dtype="<f4").reshape(-1, n_features)
    y = np.fromfile(os.path.join(data_dir, "y.f32"), dtype="<f4")
    x_train, y_train, x_test, y_test = x[:n_train], y[:n_train], x[n_train:], y[n_train:]
    p = meta["params"]
    params = {
        "tree_method": "hist",
        "objective": "reg:squarederror",
        "max_depth": p["maxDepth"],
        "eta": p["learningRate"],
        "lambda": p["lambda"],
        "max_bin": p["maxBins"],
        "min_child_weight": p["minChildWeight"],
        "nthread": p["threads"],
        "base_score": float(y_train.mean()),
        "seed": 0,
    }

    # Binning (DMatrix + sketch) counts as training time, as it does on the TypeScript side.
    # Every run is reported: the machine is shared, so the spread says as much as any one run.
    train_seconds, train_cpu_seconds = [], []
    for _ in range(meta["trainRuns"]):
        start, start_cpu = time.perf_counter(), time.process_time()
        dtrain = xgb.DMatrix(x_train, label=y_train, missing=np.nan, nthread=p["threads"])
        booster = xgb.train(params, dtrain, num_boost_round=p["nTrees"])
        train_seconds.append(time.perf_counter() - start)
        train_cpu_seconds.append(time.process_time() - start_cpu)

    pred = booster.inplace_predict(x_test)
    rmse = float(np.sqrt(np.mean((pred - y_test) ** 2)))
    print(
        json.dumps(
            {
                "xgboostVersion": xgb.__version__,
                "trainSeconds": train_seconds,
                "trainCpuSeconds": train_cpu_seconds,
                "rmse": rmse,
            }
        ),
        flush=True,
    )
    # Then batch predictions on request, so the TypeScript side can interleave them with its own
    # in the same run: one line "predict" in, the seconds of one inplace_predict (no DMatrix, no
    # prediction cache) out; "quit" ends.
    for line in sys.stdin:
        if line.strip() != "predict":
            break
        start = time.perf_counter()
        booster.inplace_predict(x_test)
        print(time.perf_counter() - start, flush=True)


if __name__ == "__main__":
    main()
