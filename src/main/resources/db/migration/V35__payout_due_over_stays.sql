-- A paid stay whose check-out date has passed where the property is reads completed before the completion job has
-- written it (io.staybook.booking.Booking#isOver), and its host's payout falls due then too: a confirmed stay nobody
-- checked in was paid only after the job had run. The payout sweep's where clause now takes such confirmed stays
-- (and checks each one's date in its own time zone), so the index over the stays it reads takes confirmed ones too.
-- Its predicate is the sweep's, word for word (PayoutRows.DUE).
drop index bookings_payout_due_idx;
create index bookings_payout_due_idx on bookings (check_out)
    where status in ('confirmed', 'checked_in', 'completed') or (status = 'cancelled' and refund_amount < total_price);
