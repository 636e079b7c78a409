-- Load data, step 3 of 3 (docs/bench/load/seed.sh runs it): drop the seed's helper schema, so that the database holds
-- only what the service's own schema has, then VACUUM ANALYZE: statistics for the planner and the visibility map
-- for index-only scans, as autovacuum would have left a database that grew over years.
\set ON_ERROR_STOP on
set client_min_messages = warning;
drop schema load_seed cascade;
vacuum analyze;
