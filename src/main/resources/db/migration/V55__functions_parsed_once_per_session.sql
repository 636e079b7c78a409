-- Functions that rows' checks and listings' reads call, rewritten in PL/pgSQL so that PostgreSQL parses and plans
-- their bodies once per session instead of once per call site of every statement (issue 12, booking writes).
--
-- PostgreSQL runs a SQL-language function that it cannot inline through fmgr_sql, which parses and plans the body
-- afresh for each call site in each statement that calls it (its cache lives in the call site's FmgrInfo, and check
-- constraints and target lists get new ones per statement). It inlines a scalar SQL function only when the body is a
-- single expression without FROM and, for a STRICT function, a strict one; a CASE is not strict. So:
-- - currency_minor_digits (V11), STRICT with a CASE body, was never inlined. A booking row's two currency checks call
--   it nine times, and every insert or update of a booking re-checks them: nine parses and plans of the body, and nine
--   failed attempts to inline it, each parsing it too, per statement. A profile of the booking insert (perf on its
--   backend, 3,000 inserts) put 44 % of its CPU in ExecConstraints and 22 % in fmgr_sql; with the body in PL/pgSQL,
--   compiled once per session and its expression's plan cached, ExecConstraints fell to 14 % and the insert's CPU by
--   about two fifths (docs/benchmarks.md, "Issue 12, twelfth pass"). Payments, refunds, payouts, deductions and
--   listings' prices call it as well.
-- - listing_rating_next_due (V40) reads reviews (a FROM), so it is never inlined: every listing read that selects it
--   parsed and planned its query once more.
-- - properties_refresh_covers (V29), an UPDATE, is never inlined either: each photo statement's trigger parsed and
--   planned it.
-- Same names, arguments, results and volatility, so the constraints and statements that call them are unchanged.
create or replace function currency_minor_digits(code char(3)) returns integer
    language plpgsql immutable strict parallel safe
as $$
begin
    -- the decimal places of a currency's minor unit: V11's list (ISO 4217, MGA as the card networks settle it)
    return case
        when code in ('ADP', 'BEF', 'BIF', 'BYB', 'BYR', 'CLP', 'DJF', 'ESP', 'GNF', 'GRD', 'ISK', 'ITL', 'JPY',
                      'KMF', 'KRW', 'LUF', 'MGA', 'MGF', 'PTE', 'PYG', 'ROL', 'RWF', 'TPE', 'TRL', 'UGX', 'UYI',
                      'VND', 'VUV', 'XAF', 'XOF', 'XPF') then 0
        when code in ('BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND') then 3
        when code = 'CLF' then 4
        else 2
    end;
end
$$;

create or replace function listing_rating_next_due(listing uuid) returns timestamptz
    language plpgsql stable parallel safe
as $$
begin
    -- V40's definition: when the listing's next review is published by its window closing, or null
    return (select min(publish_due)
            from reviews
            where property_id = listing and published_at is null and subject = 'property');
end
$$;

create or replace function properties_refresh_covers(ids uuid[]) returns void
    language plpgsql
as $$
begin
    -- V29's definition: each listing's cover is its first photo (by position, then id), or none
    update properties p
    set cover_thumbnail_key = c.thumbnail_key,
        cover_medium_key    = c.medium_key,
        cover_large_key     = c.large_key,
        cover_original_key  = c.original_key
    from (select i.id, ph.thumbnail_key, ph.medium_key, ph.large_key, ph.original_key
          from unnest(ids) as i (id)
          left join lateral (select x.thumbnail_key, x.medium_key, x.large_key, x.original_key
                             from property_photos x
                             where x.property_id = i.id
                             order by x.position, x.id
                             limit 1) ph on true) c
    where p.id = c.id
      and (p.cover_thumbnail_key, p.cover_medium_key, p.cover_large_key, p.cover_original_key)
          is distinct from (c.thumbnail_key, c.medium_key, c.large_key, c.original_key);
end
$$;
