// Drives the console's tenant MCP endpoint with the official TypeScript SDK client and an AdsBridge agent key.
// Usage: node gateway-client.mjs <node tools dir> <console /mcp url> <agent key> <account id>
// Prints one JSON object on stdout with what the client saw; exits non-zero on any protocol failure.
import { pathToFileURL } from "node:url";

const [home, url, key, accountId] = process.argv.slice(2);
const sdk = (path) => import(pathToFileURL(`${home}/node_modules/@modelcontextprotocol/sdk/dist/esm/${path}`).href);
const { Client } = await sdk("client/index.js");
const { StreamableHTTPClientTransport } = await sdk("client/streamableHttp.js");

const transport = new StreamableHTTPClientTransport(new URL(url), {
  requestInit: { headers: { Authorization: `Bearer ${key}` } },
});
const client = new Client({ name: "ts-sdk-gateway-test", version: "2.0.0" });
await client.connect(transport);
const server = client.getServerVersion();
await client.ping();
const tools = await client.listTools();
const campaigns = await client.callTool({ name: "get_campaigns", arguments: { account_id: accountId, limit: 2 } });
const refused = await client.callTool({ name: "get_campaigns", arguments: { account_id: "act_1000000001" } });
const created = await client.callTool({
  name: "create_campaign",
  arguments: { account_id: accountId, name: `TS SDK agent ${Date.now()}`, objective: "OUTCOME_TRAFFIC",
               special_ad_categories: [] },
});
await client.close();
console.log(JSON.stringify({
  server,
  toolNames: tools.tools.map((t) => t.name),
  schemas: tools.tools.map((t) => t.inputSchema),
  campaigns: { isError: campaigns.isError ?? false, structured: campaigns.structuredContent ?? null },
  refused: { isError: refused.isError ?? false, structured: refused.structuredContent ?? null },
  created: { isError: created.isError ?? false, structured: created.structuredContent ?? null },
}));
