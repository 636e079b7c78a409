-- Account recovery (issue 14, contract "Accounts"): e-mail verification, password reset and e-mail change.
-- Accounts that exist before this migration count as verified (they registered under rules that asked for nothing
-- more); new accounts start unverified until the token mailed at registration comes back.
alter table users add column email_verified boolean not null default true;
alter table users alter column email_verified set default false;

-- One-time tokens mailed to a person. Only the SHA-256 hash of the token (256 random bits) is stored (OWASP Forgot
-- Password Cheat Sheet); a token is used by a conditional update (used_at is null and not expired) that only one
-- transaction can win, so it works once whatever the number of nodes and concurrent requests. The request that asks
-- for a token inserts its row without a hash; the job that mails it draws the secret, stores its hash and sends it, so
-- the secret is in no table, not even the job's data (a row without a hash matches no presented token).
create table account_tokens (
    id          uuid primary key,
    user_id     uuid        not null references users (id) on delete cascade,
    purpose     text        not null check (purpose in ('verify_email', 'password_reset', 'email_change')),
    token_hash  text        constraint account_tokens_hash_key unique
                            check (token_hash ~ '^[0-9a-f]{64}$'),
    -- the address an e-mail change moves to; only for that purpose, and then required
    new_email   citext      check (char_length(new_email) <= 254),
    created_at  timestamptz not null,
    expires_at  timestamptz not null,
    used_at     timestamptz,
    constraint account_tokens_lifetime check (expires_at > created_at),
    constraint account_tokens_used_after_created check (used_at is null or used_at >= created_at),
    constraint account_tokens_new_email check ((purpose = 'email_change') = (new_email is not null))
);

-- a person's unused tokens of one purpose, ended when a newer one is issued or one is used
create index account_tokens_user_idx on account_tokens (user_id, purpose) where used_at is null;
-- the purge of expired tokens
create index account_tokens_expires_at_idx on account_tokens (expires_at);
