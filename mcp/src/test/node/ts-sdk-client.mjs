// Drives the MCP server with the official TypeScript SDK client, as a spec-following agent would.
// Usage: node ts-sdk-client.mjs <mcp url> <meta token> <account id>
// Prints one JSON object on stdout with what the client saw; exits non-zero on any protocol failure.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const [url, token, accountId] = process.argv.slice(2);
const transport = new StreamableHTTPClientTransport(new URL(url), {
  requestInit: { headers: { Authorization: `Bearer ${token}` } },
});
const client = new Client({ name: "adsbridge-interop-test", version: "1.0.0" });
await client.connect(transport);
const server = client.getServerVersion();
await client.ping();
const tools = await client.listTools();
const campaigns = await client.callTool({
  name: "get_campaigns",
  arguments: { account_id: accountId, limit: 3 },
});
const invalid = await client.callTool({
  name: "create_campaign",
  arguments: { account_id: accountId, name: "x", objective: "NOT_AN_OBJECTIVE", special_ad_categories: [] },
});
await client.close();
console.log(JSON.stringify({
  server,
  toolNames: tools.tools.map((t) => t.name),
  campaigns: { isError: campaigns.isError ?? false, structured: campaigns.structuredContent ?? null,
               text: campaigns.content?.[0]?.text ?? null },
  invalid: { isError: invalid.isError ?? false, structured: invalid.structuredContent ?? null },
}));
