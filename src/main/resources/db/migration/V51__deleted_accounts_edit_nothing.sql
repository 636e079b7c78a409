-- An account being deleted edits nothing it wrote either (V49 refused its new rows only). A review's edit by its
-- author, or a host's response to a review of a listing, made while the account's deletion was under way, locked
-- only the review's row, which the deletion does not touch, and so landed right after the deletion had anonymised
-- the account: words by a "Deleted" author, or a response on a listing the deletion had just removed. Each such edit
-- now takes a lock that waits for the deletion in progress and, read again once that deletion has committed, refuses
-- by a name of its own, which the service answers with the 401 any deleted account's request gets.
--
-- Edits that need nothing here (README, "Removal rules"): a listing's changes lock the listing's row, which the
-- host's deletion locks and marks deleted (404); a wishlist's rename is one update of the list's row, which the
-- deletion deletes (404); messages are not edited; a profile's change locks the account's row first.
--
-- Only the edited columns fire these, and only when their values change: the deletion never writes reviews, and the
-- publication (both sides, the sweep, a response's own) changes published_at alone, so none of them is refused.

-- the author's edit (rating, comment, sub-ratings): V49's check of the author, as on insert, under the same name; the
-- only other lock such an edit holds is its review's row, which a deletion never takes, so the two cannot deadlock
create trigger reviews_edit_author_active
    before update of rating, comment, cleanliness, accuracy, check_in, communication, location, value on reviews
    for each row
    when ((old.rating, old.comment, old.cleanliness, old.accuracy, old.check_in, old.communication, old.location,
           old.value) is distinct from (new.rating, new.comment, new.cleanliness, new.accuracy, new.check_in,
           new.communication, new.location, new.value))
    execute function writer_account_active('author_id', 'reviews_author_active');

-- The response is the listing's host's, who is named on the listing, not on the review. The listing's row is read
-- "for share", as a wishlist's entry reads it: that waits for its removal in progress (the "for no key update" that a
-- listing's deletion, and the host's account's deletion after the account's row, take), and a removal waits for the
-- response. Not the account's row: a response to a review whose window has just closed has locked the listing's row
-- already (its rerating) and would then wait for the account's row, in the opposite order to the deletion's.
-- A listing found deleted refuses as reviews_responder_active when its host's account is deleted (the deleted
-- account's request), else as reviews_response_listing_listed (the listing is gone, as a later response is told).
create function reviews_responder_active() returns trigger
    language plpgsql as
$$
begin
    perform 1 from properties where id = new.property_id and deleted_at is null for share;
    if found then
        return new;
    end if;
    if exists (select 1
               from properties p
                        join users u on u.id = p.host_id
               where p.id = new.property_id
                 and u.deleted_at is not null) then
        raise exception 'the host of listing % is deleted', new.property_id
            using errcode = 'foreign_key_violation', constraint = 'reviews_responder_active';
    end if;
    raise exception 'listing % is deleted', new.property_id
        using errcode = 'foreign_key_violation', constraint = 'reviews_response_listing_listed';
end
$$;

create trigger reviews_responder_active
    before update of response_body on reviews
    for each row
    when (old.response_body is distinct from new.response_body)
    execute function reviews_responder_active();
