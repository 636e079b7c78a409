select nextval('wb_seq') as n \gset
\set day 40000 + 2 * (:n / 132)
\set l :n % 132
select id as pid, (select id from users where email = 'guest1@staybook.test') as gid from wb_listings where n = :l \gset
begin;
insert into idempotency_keys (scope, user_id, idempotency_key, request_hash, created_at) select cast('user:' || cast(:gid as text) as text), cast(:gid as uuid), 'pgb-' || :n, repeat('a', 64), now() where pg_try_advisory_xact_lock(hashtextextended('pgb ' || :n, 0)) on conflict do nothing;
select * from properties p where p.id = cast(:pid as uuid) and p.deleted_at is null for no key update;
insert into bookings (id, property_id, guest_id, host_id, check_in, check_out, guests, price_per_night, cleaning_fee, service_fee, total_price, currency, cancellation_policy, timezone, status, expires_at, created_at, updated_at, version) select md5('b' || :n)::uuid, cast(:pid as uuid), cast(:gid as uuid), (select host_id from wb_listings where n = :l), date '2000-01-01' + cast(:day as int), date '2000-01-01' + cast(:day as int) + 2, 1, 100.00, 20.00, 24.00, 244.00, 'EUR', 'flexible', 'Europe/Paris', 'pending_payment', now() + interval '15 minutes', now(), now(), 0 where not exists (select 1 from bookings where property_id = cast(:pid as uuid) and status in ('pending_payment', 'confirmed', 'checked_in') and daterange(check_in, check_out) && daterange(date '2000-01-01' + cast(:day as int), date '2000-01-01' + cast(:day as int) + 2));
select set_config('staybook.request_id', 'req-' || :n, true);
insert into scheduled_tasks (task_name, task_instance, task_data, execution_time, picked, version, priority) values ('booking-mail', 'booking_created:' || md5('b' || :n)::uuid, decode(repeat('ab', 900), 'hex'), now(), false, 1, 0);
update idempotency_keys set response_status = 201, response_body = repeat('x', 700), completed_at = now() where scope = 'user:' || cast(:gid as text) and idempotency_key = 'pgb-' || :n;
commit;
