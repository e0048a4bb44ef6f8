-- Keys for AI agents (the tenant MCP endpoint /mcp): what a key is for, the ad accounts it is limited to (comma-separated
-- act_ ids; null for every account the tenant chose) and when it stops working (null: never).
alter table api_keys add column purpose varchar(20) default 'API' not null;
alter table api_keys add column ad_accounts varchar(4000);
alter table api_keys add column expires_at timestamp with time zone;
