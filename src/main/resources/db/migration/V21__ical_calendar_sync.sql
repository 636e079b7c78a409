-- Calendar sync (iCal, issue 13): a listing's secret export URL, the external calendars it imports, and the blocks
-- those imports hold on its calendar.

-- The export's secret: the token in the URL is derived (HMAC, see io.staybook.ical.ExportSecrets) from the node key and
-- this row's nonce; only its SHA-256 is stored, and a presented token is checked against that hash. Rotating draws a new
-- nonce (and so a new token). One row per listing, made on the first GET /properties/{id}/ical.
create table ical_exports (
    property_id uuid        primary key references properties (id) on delete cascade,
    nonce       bytea       not null check (octet_length(nonce) = 16),
    token_hash  bytea       not null check (octet_length(token_hash) = 32),
    created_at  timestamptz not null,
    rotated_at  timestamptz not null
);

-- An external calendar (another platform's export) fetched every sync interval. next_sync_at is what the sweep looks
-- for (partial index below); last_error holds why the latest sync failed (null after a successful one).
create table ical_imports (
    id             uuid primary key,
    property_id    uuid        not null references properties (id) on delete cascade,
    url            text        not null check (char_length(url) between 8 and 2048),
    name           text        not null check (char_length(name) between 1 and 100),
    created_by     uuid        not null references users (id),
    created_at     timestamptz not null,
    next_sync_at   timestamptz not null,
    last_synced_at timestamptz,
    last_error     text        check (char_length(last_error) <= 500)
);

create index ical_imports_property_idx on ical_imports (property_id, id);
create index ical_imports_created_by_idx on ical_imports (created_by);
create index ical_imports_due_idx on ical_imports (next_sync_at);

-- The imported events that could not become blocks because they overlap a booking (the booking stays; the host sees
-- the conflict). Replaced at every sync of the import.
create table ical_import_conflicts (
    import_id  uuid not null references ical_imports (id) on delete cascade,
    uid        text not null check (char_length(uid) between 1 and 300),
    start_date date not null,
    end_date   date not null,
    primary key (import_id, uid),
    check (end_date > start_date)
);

-- An imported event is a host block ('blocked') that names its import and its UID (for a recurring event, the UID and
-- the occurrence's date): under the calendar's one exclusion constraint like every other span, so that it refuses
-- bookings and is refused by them. Removing the import removes its blocks (cascade); the host's own blocks have
-- neither column.
alter table property_blocks
    add column ical_import_id uuid references ical_imports (id) on delete cascade,
    add column ical_uid       text check (char_length(ical_uid) between 1 and 300),
    add constraint property_blocks_ical_source check ((ical_import_id is null) = (ical_uid is null)),
    add constraint property_blocks_ical_blocked check (ical_import_id is null or reason = 'blocked'),
    add constraint property_blocks_ical_uid_key unique (ical_import_id, ical_uid);
