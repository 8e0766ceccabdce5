#!/usr/bin/python3
"""jgrad against NumPy and PyTorch (and, for the GEMMs, the oneDNN that PyTorch ships), as ratios
from the same run.

For each pass and thread count it runs `./jgrad bench --json` and then bench/peers.py, back to
back (A B A B ...), and prints for every figure the median over passes of jgrad and of the peer,
and the median of the per-pass ratios jgrad/peer (for times, peer/jgrad, so > 1 always means jgrad
is better). The environment's OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are removed for the peers,
so OpenBLAS picks its own kernels (it says which). PyTorch on two threads runs on the OpenMP
OpenBLAS when installed (libopenblas0-openmp): its best set-up here.

  bench/compare.py [--passes 3] [--threads 1,2] [--java /usr/lib/jvm/.../bin/java] [--quick] [--jvm-peers]
                   [--one-thread-cpu 0|none]

One-thread runs of jgrad and of every peer are pinned to the same CPU (taskset; CPU 0 unless
--one-thread-cpu says otherwise), so both sides run on the same core: on a shared VM one core can
run at 70% of the other's speed for minutes at a time, and which core a process lands on otherwise
decides much of a one-thread ratio. Pinned JVMs are told to keep G1, which they would otherwise
trade for the serial collector on seeing one CPU.

With --jvm-peers it also times the training step on DJL (PyTorch engine) and Deeplearning4j in each
pass (bench/jvm-peers; Maven downloads their native libraries once, about 240 MB).
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OPENMP_BLAS = Path("/usr/lib/x86_64-linux-gnu/openblas-openmp")


PIN = []  # the taskset prefix for one-thread runs, set in main()
KEEP_G1 = "-XX:+UseG1GC"


def pin(threads):
    """The command prefix that pins a run on `threads` threads: taskset for one thread, else none."""
    return PIN if threads == 1 else []


def run_jgrad(threads, java, quick):
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as f:
        out = f.name
    env = dict(os.environ)
    if java:
        env["JGRAD_JAVA"] = java
    if pin(threads):
        env["JGRAD_JVM_OPTS"] = (env.get("JGRAD_JVM_OPTS", "") + " " + KEEP_G1).strip()
    cmd = pin(threads) + [str(ROOT / "jgrad"), "bench", "--threads", str(threads), "--json", out] + (["--quick"] if quick else [])
    subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    data = json.loads(Path(out).read_text())
    os.unlink(out)
    return data


def run_peers(threads, quick):
    env = dict(os.environ)
    env.pop("OPENBLAS_CORETYPE", None)
    env.pop("OPENBLAS_L2_SIZE", None)
    env["OPENBLAS_NUM_THREADS"] = str(threads)
    env["OMP_NUM_THREADS"] = str(threads)
    results = []
    numpy = subprocess.run(pin(threads) + ["/usr/bin/python3", str(ROOT / "bench" / "peers.py"), "--threads", str(threads), "--only", "numpy"]
                           + (["--quick"] if quick else []), check=True, env=env, capture_output=True, text=True)
    results.append(json.loads(numpy.stdout))
    torch_env = dict(env)
    if threads > 1 and OPENMP_BLAS.exists():
        torch_env["LD_LIBRARY_PATH"] = str(OPENMP_BLAS)
    torch = subprocess.run(pin(threads) + ["/usr/bin/python3", str(ROOT / "bench" / "peers.py"), "--threads", str(threads), "--only", "torch"]
                           + (["--quick"] if quick else []), check=True, env=torch_env, capture_output=True, text=True)
    results.append(json.loads(torch.stdout))
    return results


JVM_PEERS = ROOT / "bench" / "jvm-peers"


def build_jvm_peers():
    cp_file = JVM_PEERS / "target" / "cp.txt"
    subprocess.run(["mvn", "-q", "-f", str(JVM_PEERS / "pom.xml"), "package", "dependency:build-classpath",
                    f"-Dmdep.outputFile={cp_file}"], check=True)
    return f"{JVM_PEERS / 'target' / 'classes'}:{cp_file.read_text().strip()}"


def run_jvm_peers(threads, classpath, java):
    """DJL and DL4J step rows, shaped like peers.py's (peer: djl / dl4j)."""
    java = java or "java"
    env = dict(os.environ)
    env["OMP_NUM_THREADS"] = str(threads)
    jvm = pin(threads) + [java] + ([KEEP_G1] if pin(threads) else [])
    runs = [("djl", jvm + ["-XX:MaxDirectMemorySize=128m", f"-Dai.djl.pytorch.num_threads={threads}",
                     "-Dai.djl.pytorch.num_interop_threads=1", "-Dai.djl.offline=true", "-cp", classpath, "peers.DjlStep"]),
            ("dl4j", jvm + ["-cp", classpath, "peers.Dl4jStep"])]
    rows = []
    for peer, cmd in runs:
        out = subprocess.run(cmd, check=True, env=env, capture_output=True, text=True).stdout
        r = json.loads(out.strip().splitlines()[-1])
        rows.append({"group": "training", "name": "chapter MLP step, batch 256", "value": r["samples_per_s"],
                     "unit": "samples/s", "min": r["min"], "max": r["max"], "peer": peer})
    return {"rows": rows, "environment": {}}


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--passes", type=int, default=3)
    p.add_argument("--threads", default="1,2")
    p.add_argument("--java", help="the java binary jgrad runs on (default: the newest JDK the launcher finds)")
    p.add_argument("--quick", action="store_true")
    p.add_argument("--jvm-peers", action="store_true", help="also DJL and Deeplearning4j (bench/jvm-peers)")
    p.add_argument("--one-thread-cpu", default="0", help="CPU that one-thread runs are pinned to, or none")
    args = p.parse_args()
    if args.one_thread_cpu != "none":
        if shutil.which("taskset") is None:
            print("taskset not found: one-thread runs are not pinned", file=sys.stderr)
        else:
            PIN.extend(["taskset", "-c", args.one_thread_cpu])
    jvm_classpath = build_jvm_peers() if args.jvm_peers else None
    table = {}
    envs = {}
    for t in [int(x) for x in args.threads.split(",")]:
        for p_ in range(args.passes):
            print(f"pass {p_ + 1}/{args.passes}, {t} thread(s) ...", file=sys.stderr, flush=True)
            j = run_jgrad(t, args.java, args.quick)
            peers = run_peers(t, args.quick)
            envs[t] = {"jgrad": j["environment"], "peers": [x["environment"] for x in peers]}
            if jvm_classpath:
                peers.append(run_jvm_peers(t, jvm_classpath, args.java))
            jrows = {(r["group"], r["name"]): r for r in j["rows"]}
            for peer in peers:
                for r in peer["rows"]:
                    key = (t, r["group"], r["name"], r["peer"])
                    mine = jrows.get((r["group"], r["name"]))
                    if mine is None:
                        continue
                    lower_is_better = r["unit"] in ("µs", "ms", "s")
                    ratio = r["value"] / mine["value"] if lower_is_better else mine["value"] / r["value"]
                    e = table.setdefault(key, {"unit": r["unit"], "jgrad": [], "peer": [], "ratio": []})
                    e["jgrad"].append(mine["value"])
                    e["peer"].append(r["value"])
                    e["ratio"].append(ratio)
            for r in j["rows"]:
                if r["group"] == "training" and r["name"] != "chapter MLP step, batch 256":
                    e = table.setdefault((t, r["group"], r["name"], "-"), {"unit": r["unit"], "jgrad": [], "peer": [], "ratio": []})
                    e["jgrad"].append(r["value"])
    for t, env in envs.items():
        je = env["jgrad"]
        print(f"\n{t} thread(s): jgrad on Java {je['java']} ({je['kernels']}; GC {je.get('gc', '?')};"
              f" flags {je.get('jvm flags') or 'none'}); peers: "
              + "; ".join(f"numpy {pe.get('numpy', '-')} torch {pe.get('torch', '-')} OpenBLAS {pe['openblas'].get('core', '?')}"
                          f" {pe['openblas'].get('parallel', '')}" for pe in env["peers"][:1]))
    print("\n| threads | figure | unit | jgrad | peer | peer value | jgrad / peer |")
    print("|---|---|---|---|---|---|---|")
    for (t, group, name, peer), e in table.items():
        jv = statistics.median(e["jgrad"])
        digits = 2 if e["unit"] == "×" else 1  # a speed-up needs its second decimal
        if e["peer"]:
            pv = statistics.median(e["peer"])
            ratio = statistics.median(e["ratio"])
            print(f"| {t} | {name} | {e['unit']} | {jv:,.1f} | {peer} | {pv:,.1f} | **{ratio:.2f}×** |")
        else:
            print(f"| {t} | {name} | {e['unit']} | {jv:,.{digits}f} | - | - | - |")
    print("\nRatios are medians over passes of per-pass ratios; for µs figures the ratio is peer/jgrad (> 1: jgrad faster).")


if __name__ == "__main__":
    main()
