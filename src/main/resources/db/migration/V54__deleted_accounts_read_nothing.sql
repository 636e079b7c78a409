-- An account being deleted marks no conversation read either (V49 refused its new messages, V51 its edits). A read
-- made while the account's deletion was under way locked only the conversation's row, which the deletion does not
-- touch, and so stamped the read time of a side whose account no longer existed, after the deletion had committed:
-- a write by the deleted account, where every other one is refused with the 401 a deleted account's request gets.
-- The stamp is now checked as V49 checks a message's sender: the reader's row is read "for key share", which waits
-- for a deletion in progress and, read again once it has committed, finds it deleted and refuses by a name of its
-- own. The read holds the conversation's row and then the account's, as a message does; a deletion never locks a
-- conversation, so the two cannot deadlock.
--
-- Only the side whose read time changes is checked: a read stamps the caller's side alone (the other side's column is
-- set to itself and fires nothing), and posting a message writes last_message_at, not a read time.
create trigger conversations_guest_reader_active
    before update of guest_read_at on conversations
    for each row
    when (old.guest_read_at is distinct from new.guest_read_at)
    execute function writer_account_active('guest_id', 'conversations_reader_active');

create trigger conversations_host_reader_active
    before update of host_read_at on conversations
    for each row
    when (old.host_read_at is distinct from new.host_read_at)
    execute function writer_account_active('host_id', 'conversations_reader_active');
