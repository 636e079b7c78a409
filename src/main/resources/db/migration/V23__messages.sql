-- Messaging (issue 14): one conversation per guest and listing, between that guest and the listing's host, and its
-- messages, stored as written (contact details are masked when read, per reader, until the two have a confirmed
-- booking together). Each side's read position and mail throttle live on the conversation row, so that "unread" is
-- one count and "at most one mail per 15 minutes" is one conditional update, safe on any number of nodes.

create table conversations (
    id                   uuid primary key,
    property_id          uuid        not null references properties (id),
    guest_id             uuid        not null references users (id),
    host_id              uuid        not null references users (id),
    created_at           timestamptz not null,
    -- the latest message's time: the list's sort key, with id as the tie-break
    last_message_at      timestamptz not null,
    -- each side has read every message of the other side created up to this time (null: none yet)
    guest_read_at        timestamptz,
    host_read_at         timestamptz,
    -- each side was last mailed at this time, about the other side's messages created up to *_mailed_through
    guest_mailed_at      timestamptz,
    host_mailed_at       timestamptz,
    guest_mailed_through timestamptz,
    host_mailed_through  timestamptz,
    constraint conversations_guest_property_key unique (guest_id, property_id),
    -- a host does not write to themselves about their own listing
    constraint conversations_two_people check (guest_id <> host_id),
    constraint conversations_last_after_created check (last_message_at >= created_at)
);

-- the list of each side's conversations, latest activity first (keyset on last_message_at, id)
create index conversations_guest_activity_idx on conversations (guest_id, last_message_at desc, id desc);
create index conversations_host_activity_idx on conversations (host_id, last_message_at desc, id desc);
create index conversations_property_idx on conversations (property_id);

create table messages (
    id              uuid primary key,
    conversation_id uuid        not null references conversations (id),
    sender_id       uuid        not null references users (id),
    -- the contract's 1 to 5,000 characters; never only white space
    body            text        not null check (char_length(body) between 1 and 5000 and body ~ '\S'),
    created_at      timestamptz not null
);

-- a conversation's messages oldest first (keyset on created_at, id), and the unread count after a read position
create index messages_conversation_idx on messages (conversation_id, created_at, id);
create index messages_sender_idx on messages (sender_id);
