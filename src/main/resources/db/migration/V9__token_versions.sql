-- Access tokens carry the account's token_version at issue ("ver" claim); every authenticated request compares it with
-- this column, so bumping it (password change, logout, deletion, any revocation of sessions) ends every access token
-- issued before, at once. Existing rows start at 0, and tokens issued before this column existed count as version 0.
alter table users add column token_version integer not null default 0 check (token_version >= 0);
