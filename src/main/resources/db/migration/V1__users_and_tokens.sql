-- Users and their sessions. Later modules add their own migrations.
create extension if not exists citext;
create extension if not exists btree_gist;

create table users (
    id            uuid primary key,
    first_name    text        not null check (char_length(first_name) between 1 and 100),
    last_name     text        not null check (char_length(last_name) between 1 and 100),
    -- citext: one account per address whatever its letter case, held by the unique constraint itself
    email         citext      not null constraint users_email_key unique check (char_length(email) <= 254),
    password_hash text        not null,
    phone_number  text        check (char_length(phone_number) <= 32),
    role          text        not null check (role in ('guest', 'host', 'admin')),
    created_at    timestamptz not null,
    updated_at    timestamptz not null,
    -- a deleted account keeps its row, anonymised, so that bookings and reviews keep their author
    deleted_at    timestamptz
);

create index users_role_idx on users (role, id) where deleted_at is null;

-- Refresh tokens rotate: each use replaces the token by a new one of the same family. Only a SHA-256 hash is stored.
create table refresh_tokens (
    id          uuid primary key,
    user_id     uuid        not null references users (id) on delete cascade,
    family_id   uuid        not null,
    token_hash  text        not null constraint refresh_tokens_hash_key unique,
    expires_at  timestamptz not null,
    created_at  timestamptz not null,
    used_at     timestamptz,
    revoked_at  timestamptz
);

create index refresh_tokens_user_idx on refresh_tokens (user_id);
create index refresh_tokens_family_idx on refresh_tokens (family_id);
