-- How a connection was made and where its MCP calls go: facebook_login (Meta's dialog), manual_token (a Meta token an
-- owner pasted, typically an agency's business system-user token), remote_mcp (a hosted Meta Ads MCP server: the
-- sealed token is then that server's credential, mcp_url its address). token_type is debug_token's type (USER,
-- SYSTEM_USER) for Meta tokens.
alter table connections add column kind varchar(20) default 'facebook_login' not null;
alter table connections add column mcp_url varchar(2000);
alter table connections add column token_type varchar(20);
