-- Idempotency keys serve every creating POST, registration included, whose caller has no user id yet.
-- A key now lives in a scope: 'user:<id>' for a signed-in caller, 'registration:<sha-256 of the lower-cased email>'
-- for a registration. user_id stays for signed-in callers, so that a user's keys are found and go with the user.
alter table idempotency_keys add column scope text;
update idempotency_keys set scope = 'user:' || user_id;
alter table idempotency_keys alter column scope set not null;
alter table idempotency_keys drop constraint idempotency_keys_pkey;
alter table idempotency_keys add primary key (scope, idempotency_key);
alter table idempotency_keys alter column user_id drop not null;
alter table idempotency_keys add constraint idempotency_keys_scope_matches_user
    check (scope = 'user:' || user_id or (user_id is null and scope like 'registration:%'));
create index idempotency_keys_user_idx on idempotency_keys (user_id);
