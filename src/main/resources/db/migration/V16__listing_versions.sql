-- A listing's version (issue 12): 1 when it is listed, one more at every change of its row, whatever makes it (the
-- service, a migration, an operator's UPDATE). GET /properties/{id} derives its ETag from it (with its host's name,
-- which the answer shows too), so that a cached listing is revalidated (304) without serializing it. A trigger rather
-- than the service: a write that forgot to count would leave clients holding an old listing under a current ETag.
-- Adding a column with a constant default rewrites no rows (PostgreSQL 11 and later).
alter table properties add column version bigint not null default 1;

create function properties_next_version() returns trigger
    language plpgsql as
$$
begin
    new.version := old.version + 1;
    return new;
end
$$;

create trigger properties_next_version
    before update on properties
    for each row execute function properties_next_version();
