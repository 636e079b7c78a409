-- The purge-expired-records job deletes by age, a batch at a time: each batch finds its rows by these indexes instead of
-- scanning the table. (dead_jobs.failed_at and idempotency_keys.created_at are indexed already.)
create index sent_mails_sent_at_idx on sent_mails (sent_at);
create index webhook_events_received_at_idx on webhook_events (received_at);

-- The idempotency purge is now one of the purge-expired-records job's; the old job's row would otherwise linger as a
-- task no node knows.
delete from scheduled_tasks where task_name = 'purge-idempotency-keys';
