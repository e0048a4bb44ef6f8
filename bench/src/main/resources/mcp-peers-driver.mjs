// One benchmark run of one MCP server with the official TypeScript SDK client (used by `adsbridge-bench mcp-peers`).
// Usage: node mcp-peers-driver.mjs '<json spec>'
//   spec: {transport: "stdio"|"http", command, args, env (stdio) | url, headers, pid (http),
//          tool, arguments, warmup, calls, concurrency, sandboxPid (optional), marks (optional)}
// Connects (stdio: spawns the server), lists the tools, warms up, then makes `calls` tool calls with `concurrency`
// requests in flight on the one connection. The server's CPU time comes from /proc/<pid>/stat (utime + stime) before
// and after the measured calls; its RSS is sampled from /proc/<pid>/status while they run. The same window gives this
// client's own CPU time (process.cpuUsage(): the SDK client and its transport, which share the machine's cores with
// the server) and, when sandboxPid is given, the sandbox's (the Graph stand-in every server calls).
// Prints one JSON object on stdout.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport, getDefaultEnvironment } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { readFileSync } from "node:fs";

const spec = JSON.parse(process.argv[2]);
const CLK_TCK_MS = 10; // USER_HZ is 100 on Linux

function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * CLK_TCK_MS;
}

function statusKb(pid, field) {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((l) => l.startsWith(field + ":"));
  return line ? Number(line.replace(/\D+/g, "")) : -1;
}

function percentile(sorted, p) {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)];
}

async function run(client, count, concurrency, latencies, failures) {
  let next = 0;
  let bytes = 0;
  async function worker() {
    while (next < count) {
      next++;
      const t0 = process.hrtime.bigint();
      try {
        const result = await client.callTool({ name: spec.tool, arguments: spec.arguments });
        const elapsed = Number(process.hrtime.bigint() - t0) / 1e6;
        if (latencies) latencies.push(elapsed);
        if (result.isError) {
          failures.push(JSON.stringify(result).slice(0, 300));
        }
        bytes = Buffer.byteLength(JSON.stringify(result));
      } catch (e) {
        failures.push(String(e).slice(0, 300));
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  return bytes;
}

const started = process.hrtime.bigint();
let transport;
if (spec.transport === "stdio") {
  transport = new StdioClientTransport({
    command: spec.command,
    args: spec.args,
    env: { ...getDefaultEnvironment(), ...spec.env },
    stderr: "ignore",
  });
} else {
  transport = new StreamableHTTPClientTransport(new URL(spec.url), { requestInit: { headers: spec.headers ?? {} } });
}
const client = new Client({ name: "adsbridge-bench", version: "1.0.0" });
await client.connect(transport);
const tools = await client.listTools();
const coldStartMs = Number(process.hrtime.bigint() - started) / 1e6;
const pid = spec.transport === "stdio" ? transport.pid : spec.pid;
const toolsListBytes = Buffer.byteLength(JSON.stringify(tools));

const warmupFailures = [];
await run(client, spec.warmup, spec.concurrency, null, warmupFailures);

let rssMaxKb = statusKb(pid, "VmRSS");
const sampler = setInterval(() => {
  rssMaxKb = Math.max(rssMaxKb, statusKb(pid, "VmRSS"));
}, 100);
const latencies = [];
const failures = [];
// marks: the window's start and end on stderr, for a caller that reads per-thread CPU from /proc meanwhile
// (scripts/mcp-cpu-ab.py); a stdio server is kept for half a second after the end so it can still be read.
if (spec.marks) process.stderr.write("MEASURE_START\n");
const cpuBefore = cpuMs(pid);
const sandboxBefore = spec.sandboxPid ? cpuMs(spec.sandboxPid) : 0;
const clientBefore = process.cpuUsage();
const t0 = process.hrtime.bigint();
const payloadBytes = await run(client, spec.calls, spec.concurrency, latencies, failures);
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
const cpuAfter = cpuMs(pid);
const clientUsed = process.cpuUsage(clientBefore);
const sandboxAfter = spec.sandboxPid ? cpuMs(spec.sandboxPid) : 0;
if (spec.marks) {
  process.stderr.write("MEASURE_END\n");
  await new Promise((resolve) => setTimeout(resolve, 500));
}
clearInterval(sampler);
rssMaxKb = Math.max(rssMaxKb, statusKb(pid, "VmRSS"));
const hwmKb = statusKb(pid, "VmHWM");
latencies.sort((a, b) => a - b);
await client.close();

console.log(JSON.stringify({
  coldStartMs,
  toolCount: tools.tools.length,
  toolsListBytes,
  calls: spec.calls,
  errors: failures.length + warmupFailures.length,
  firstError: failures[0] ?? warmupFailures[0] ?? null,
  callsPerSecond: spec.calls ? spec.calls / seconds : 0,
  p50Ms: percentile(latencies, 50),
  p99Ms: percentile(latencies, 99),
  payloadBytes,
  cpuMsPerCall: spec.calls ? (cpuAfter - cpuBefore) / spec.calls : 0,
  clientCpuMsPerCall: spec.calls ? (clientUsed.user + clientUsed.system) / 1000 / spec.calls : 0,
  sandboxCpuMsPerCall: spec.calls && spec.sandboxPid ? (sandboxAfter - sandboxBefore) / spec.calls : 0,
  rssMaxKb,
  hwmKb,
}));
