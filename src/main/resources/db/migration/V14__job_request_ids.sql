-- The X-Request-Id of the request that scheduled a job (null for recurring jobs and jobs scheduled outside a request),
-- so that every log line of the job's runs, days later and on any node, carries it (io.staybook.shared.observability).
-- db-scheduler reads its rows by column name and inserts by column list, so it does not see this column.
alter table scheduled_tasks add column request_id text;
