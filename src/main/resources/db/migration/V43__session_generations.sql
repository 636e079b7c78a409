-- Every session of an account ends at once (a password change or reset, the account's deletion) by a bump of its
-- session_generation; a refresh token is issued for the generation current then, and only a token of the account's
-- current generation can be redeemed (Users#findActiveByRefreshTokenForUpdate). So a token that no revocation's UPDATE
-- saw (under READ COMMITTED an UPDATE does not see a row inserted after its snapshot was taken, by a refresh that ran
-- alongside it) is void all the same. Existing rows are all of generation 0, the generation of every account.
alter table users add column session_generation integer not null default 0 check (session_generation >= 0);
alter table refresh_tokens add column session_generation integer not null default 0;
