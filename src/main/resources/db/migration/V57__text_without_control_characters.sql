-- The text clients write holds no control character, the database's own hold on the API's rule for text
-- (io.staybook.shared.validation.Characters#fault, which refuses such a text with a 400 where it is read). The service
-- stored BEL, ESC, backspace, DEL and the C1 controls (U+0080 to U+009F) in names, titles, addresses, messages and
-- reviews, to end up in mails, logs, CSV exports and terminals (OWASP's Input Validation Cheat Sheet).
--
-- A single-line column holds no character of Unicode's category Cc; a multi-line one (descriptions, message bodies,
-- review texts and responses, a cancellation's or decline's reason) may hold tab, line feed and carriage return
-- among them. Neither holds U+FFFE or U+FFFF (PostgreSQL's UTF8 cannot hold a NUL or an unpaired surrogate at all).
-- Each check is a plain regular expression, no function (SchemaFunctionsIntegrationTests: every SQL function must be
-- inlinable), and costs a scan of its text when its row is written; a null (a booking's reasons, a block's note, on
-- the booking path) costs nothing but the test for null, the operator being strict. Text the service writes itself
-- (a sync's last error, a failure's reason, an imported event's UID) and texts held to a stricter form already (time
-- zones, currencies, amenity slugs, keys of media) are not checked here.
--
-- Rows written before are checked first: the migration fails, naming each column and how many of its rows break the
-- rule (and one of their ids), instead of adding a check some rows break. Such a row is for an operator to correct
-- (for example with regexp_replace) before migrating again. Each table's checks are added by one statement, so that
-- its rows are read once more, not once per check; the table is locked by the migration's transaction either way, so
-- NOT VALID and a later VALIDATE would shorten no lock here.
do $$
declare
    single_line constant text := '[\u0001-\u001f\u007f-\u009f\ufffe\uffff]';
    multi_line  constant text := '[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]';
    -- table, column, whether it may hold several lines
    texts constant text[][] := array[
        ['users', 'first_name', 'f'], ['users', 'last_name', 'f'], ['users', 'email', 'f'],
        ['users', 'phone_number', 'f'],
        ['account_tokens', 'new_email', 'f'],
        ['properties', 'title', 'f'], ['properties', 'description', 't'], ['properties', 'address', 'f'],
        ['properties', 'city', 'f'], ['properties', 'country', 'f'],
        ['property_blocks', 'note', 'f'],
        ['property_photos', 'caption', 'f'],
        ['ical_imports', 'url', 'f'], ['ical_imports', 'name', 'f'],
        ['bookings', 'cancel_reason', 't'], ['bookings', 'decline_reason', 't'],
        ['payments', 'payment_token', 'f'],
        ['messages', 'body', 't'],
        ['reviews', 'comment', 't'], ['reviews', 'response_body', 't'],
        ['wishlists', 'name', 'f']];
    broken   text := '';
    found    bigint;
    first_id uuid;
    checks   text;
    tab      text;
    i        integer;
begin
    for i in 1 .. array_length(texts, 1) loop
        execute format('select count(*), min(id::text)::uuid from %I where %I::text ~ %L',
                       texts[i][1], texts[i][2], case texts[i][3] when 't' then multi_line else single_line end)
            into found, first_id;
        if found > 0 then
            broken := broken || format(E'\n  %s.%s: %s rows hold control characters (%s), for example id %s',
                                       texts[i][1], texts[i][2], found,
                                       case texts[i][3] when 't' then 'other than tab, line feed and carriage return'
                                                        else 'or line breaks or tabs' end, first_id);
        end if;
    end loop;
    if broken <> '' then
        raise exception 'V57 cannot check text columns for control characters; correct these rows first:%', broken
            using errcode = 'check_violation';
    end if;
    for tab in select distinct t from unnest(texts[:][1:1]) as t loop
        checks := null;
        for i in 1 .. array_length(texts, 1) loop
            continue when texts[i][1] <> tab;
            checks := concat_ws(', ', checks,
                                format('add constraint %I check (%I::text !~ %L)',
                                       texts[i][1] || '_' || texts[i][2] || '_no_controls',
                                       texts[i][2], case texts[i][3] when 't' then multi_line else single_line end));
        end loop;
        execute format('alter table %I %s', tab, checks);
    end loop;
end
$$;
