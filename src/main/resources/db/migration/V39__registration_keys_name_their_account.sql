-- A registration's Idempotency-Key keeps, besides its answer, the slow hash of the password its request sent
-- (secret_hash), so that a repeat is told from another request by that password even once the account's password has
-- changed (a repeat of the first request is still the first request, and is replayed as the contract says); and it
-- names the account it created (user_id, which for a signed-in caller's key names the caller), so that the account's
-- deletion erases what its keys kept: a registration's answer is cut down to the account's id, its hash dropped.
alter table idempotency_keys add column secret_hash text;
alter table idempotency_keys add constraint idempotency_keys_secret_only_for_registrations
    check (secret_hash is null or scope like 'registration:%');
alter table idempotency_keys drop constraint idempotency_keys_scope_matches_user;
alter table idempotency_keys add constraint idempotency_keys_scope_matches_user
    check (scope = 'user:' || user_id or scope like 'registration:%');

-- the registrations answered before: their answer holds the account's id
update idempotency_keys k set user_id = u.id
from users u
where k.scope like 'registration:%' and k.user_id is null and k.response_status = 201
  and u.id::text = case when k.response_body like '{%' then k.response_body::jsonb ->> 'id' end;
