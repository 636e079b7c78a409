-- A job's request id (V14) comes from a transaction-local setting: the service sets staybook.request_id once in a
-- transaction that schedules jobs (io.staybook.shared.observability.JobRequestIds), and every job db-scheduler inserts
-- in that transaction takes it from this default, instead of one UPDATE per job after its INSERT. Unset (a recurring
-- job, a job scheduled outside a request), current_setting(..., true) gives NULL or '' and the column stays NULL.
alter table scheduled_tasks alter column request_id set default nullif(current_setting('staybook.request_id', true), '');
