-- What the service and its reconciliation expect of any database, checked on the seeded one (docs/bench/load/seed.sh
-- runs it last; any other database may be checked too): each query counts the rows breaking one rule, and all must
-- be 0. The schema's own constraints (checks, exclusions, keys) were enforced while loading; these cover what
-- triggers, the services and LedgerChecks (R1, R2, R6) keep.
\set ON_ERROR_STOP on
select
  (select count(*) from bookings b
   where b.status in ('requested', 'pending_payment', 'confirmed', 'checked_in')
     and not exists (select 1 from property_blocks k where k.booking_id = b.id and k.property_id = b.property_id
                     and k.start_date = b.check_in and k.end_date = b.check_out and k.created_by = b.guest_id))
    as active_without_calendar_row,
  (select count(*) from property_blocks k join bookings b on b.id = k.booking_id
   where b.status not in ('requested', 'pending_payment', 'confirmed', 'checked_in')) as calendar_row_of_inactive,
  (select count(*) from bookings b
   where b.status in ('confirmed', 'checked_in', 'completed')
     and not exists (select 1 from payments p where p.booking_id = b.id
                     and p.status in ('completed', 'partially_refunded', 'refunded'))) as paid_status_without_payment,
  (select count(*) from payments p join bookings b on b.id = p.booking_id
   where p.amount <> b.total_price or p.currency <> b.currency or p.payer_id <> b.guest_id
      or b.status not in ('confirmed', 'checked_in', 'completed')) as payment_not_of_its_booking,
  (select count(*) from properties p
   left join (select property_id, count(*) n, round(avg(rating), 2) a from reviews
              where subject = 'property' and published_at is not null group by property_id) r
          on r.property_id = p.id
   where p.review_count <> coalesce(r.n, 0) or p.rating_average is distinct from r.a) as rating_not_of_reviews,
  (select count(*) from reviews r join bookings b on b.id = r.booking_id
   where b.status <> 'completed' or b.property_id <> r.property_id
      or case r.subject when 'property' then b.guest_id <> r.author_id
                        else b.host_id <> r.author_id or b.guest_id is distinct from r.guest_id end)
    as review_not_of_a_completed_stay,
  (select count(*) from bookings b join properties p on p.id = b.property_id
   where b.host_id <> p.host_id or b.nights not between p.min_nights and p.max_nights or b.guests > p.max_guests
      or b.currency <> p.currency or b.created_at < p.created_at or b.created_at > now() or b.updated_at < b.created_at
      or b.check_in <= b.created_at::date) as booking_not_fitting_its_listing,
  (select count(*) from bookings b join users g on g.id = b.guest_id where g.role <> 'guest' or g.created_at > b.created_at)
    as booking_of_no_guest;
