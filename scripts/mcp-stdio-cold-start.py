#!/usr/bin/env python3
"""Stdio cold start of MCP server commands, side by side: spawn -> the answer to the first tools/list, as an MCP
client does it (initialize, wait for its answer, notifications/initialized, tools/list). The commands alternate spawn
by spawn (the order reversed every other round), so that the load of a shared machine affects them alike. Per command:
the median (min, max) wall time to that answer, and the median CPU (utime + stime from /proc/<pid>/stat) the process
had used by then.

Usage: META_ACCESS_TOKEN=<token> scripts/mcp-stdio-cold-start.py [--graph-url URL] RUNS NAME=COMMAND...
  COMMAND is a whole command line (e.g. the one scripts/mcp-stdio-fast-start.sh prints); --graph-url URL is appended
  to it (default http://127.0.0.1:8090, a sandbox: java -jar launcher/target/adsbridge.jar sandbox). Linux only.
"""
import json
import os
import statistics
import subprocess
import sys
import time

INITIALIZE = (b'{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",'
              b'"capabilities":{},"clientInfo":{"name":"cold-start","version":"1"}}}\n')
LIST = b'{"jsonrpc":"2.0","method":"notifications/initialized"}\n{"jsonrpc":"2.0","id":2,"method":"tools/list"}\n'
TICKS = os.sysconf("SC_CLK_TCK")


def answer(process, wanted):
    while True:
        line = process.stdout.readline()
        if not line:
            raise RuntimeError("the server closed stdout before answering message " + str(wanted))
        message = json.loads(line)
        if message.get("id") == wanted:
            return message


def spawn(command, graph_url):
    started = time.monotonic()
    process = subprocess.Popen(command.split() + ["--graph-url", graph_url], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        process.stdin.write(INITIALIZE)
        process.stdin.flush()
        answer(process, 1)
        process.stdin.write(LIST)
        process.stdin.flush()
        tools = len(answer(process, 2)["result"]["tools"])
        wall = (time.monotonic() - started) * 1000
        with open(f"/proc/{process.pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        cpu = (int(fields[11]) + int(fields[12])) * 1000 / TICKS
        return wall, cpu, tools
    finally:
        process.stdin.close()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def main(argv):
    graph_url = "http://127.0.0.1:8090"
    if len(argv) > 1 and argv[0] == "--graph-url":
        graph_url, argv = argv[1], argv[2:]
    if len(argv) < 2 or not os.environ.get("META_ACCESS_TOKEN"):
        print(__doc__, file=sys.stderr)
        return 2
    runs = int(argv[0])
    commands = [argument.split("=", 1) for argument in argv[1:]]
    results = {name: [] for name, _ in commands}
    for run in range(runs):
        for name, command in (commands if run % 2 == 0 else list(reversed(commands))):
            results[name].append(spawn(command, graph_url))
    with open("/proc/loadavg") as load:
        print("spawns per command: %d; load average (1, 5, 15 min) at the end: %s"
              % (runs, ", ".join(load.read().split()[:3])))
    for name, measured in results.items():
        walls = sorted(m[0] for m in measured)
        cpus = sorted(m[1] for m in measured)
        print("%-12s wall %5.0f ms (%.0f-%.0f)  cpu %5.0f ms  tools listed %d"
              % (name, statistics.median(walls), walls[0], walls[-1], statistics.median(cpus), measured[0][2]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
