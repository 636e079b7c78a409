-- Text the service compares for equality is kept in Unicode Normalization Form C (Unicode Standard Annex #15; RFC 6532
-- §3.1 asks it of internationalized email addresses): "é" as one code point, never "e" and a combining accent, which
-- compare unequal. The service composes what clients send (io.staybook.shared.validation.Characters#nfc) and these
-- checks refuse anything else: a city searched for in one form found no listing stored in the other, and an address
-- registered in each form made two accounts that read the same.
--
-- Rows written before are composed here. An email address whose composed form another account already has is left as
-- it is (the check is NOT VALID: it holds for every row written from now on, not for those two), for an operator to
-- merge. Unicode normalization needs a UTF8 database, as every database Staybook creates is; elsewhere this does
-- nothing but say so.
do $$
begin
    if current_setting('server_encoding') <> 'UTF8' then
        raise notice 'not a UTF8 database: texts are not checked for their composed form';
        return;
    end if;
    update properties set city = normalize(city, nfc) where city is not nfc normalized;
    update properties set country = normalize(country, nfc) where country is not nfc normalized;
    alter table properties
        add constraint properties_city_nfc check (city is nfc normalized),
        add constraint properties_country_nfc check (country is nfc normalized);
    update users u set email = normalize(u.email::text, nfc)
     where u.email::text is not nfc normalized
       and not exists (select 1 from users o where o.email = normalize(u.email::text, nfc)::citext);
    alter table users add constraint users_email_nfc check (email::text is nfc normalized) not valid;
end
$$;
