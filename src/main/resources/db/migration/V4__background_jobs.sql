-- db-scheduler's table: every pending one-time job and every recurring job, claimed with row locks so that each runs
-- once across all nodes.
create table scheduled_tasks (
    task_name            text                     not null,
    task_instance        text                     not null,
    task_data            bytea,
    execution_time       timestamp with time zone not null,
    picked               boolean                  not null,
    picked_by            text,
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures integer,
    last_heartbeat       timestamp with time zone,
    version              bigint                   not null,
    priority             smallint,
    primary key (task_name, task_instance)
);

create index execution_time_idx on scheduled_tasks (execution_time);
create index last_heartbeat_idx on scheduled_tasks (last_heartbeat);
create index priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc);

-- Jobs that failed every retry: kept for an operator to see (GET /api/v1/admin/jobs) and act on.
create table dead_jobs (
    id            uuid primary key,
    task_name     text        not null,
    task_instance text        not null,
    failures      integer     not null,
    last_error    text,
    failed_at     timestamptz not null
);

create index dead_jobs_failed_at_idx on dead_jobs (failed_at desc);

-- One row per mail handed to the SMTP server, so that a retried or repeated job does not send it twice.
create table sent_mails (
    mail_key   text primary key,
    recipient  text        not null,
    template   text        not null,
    sent_at    timestamptz not null
);
