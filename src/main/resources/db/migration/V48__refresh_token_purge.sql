-- Expired refresh tokens are purged (AccountJobs.refreshTokensPurge) in bounded batches by expires_at: the index keeps
-- each batch's select from scanning the whole table.
create index refresh_tokens_expires_at_idx on refresh_tokens (expires_at);
