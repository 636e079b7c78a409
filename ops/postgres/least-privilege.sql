-- Staybook's least-privilege grants (issue 11, item 11). Run as a superuser, connected to Staybook's database, with
-- the psql variables database, owner and app set, once the two roles and the database (owned by the owner) exist:
--   psql -v database=staybook -v owner=staybook_owner -v app=staybook_app -d staybook -f least-privilege.sql
-- Used by scripts/cluster.sh, docker-compose.yml (ops/postgres/init-primary.sh) and, with the variables replaced, by
-- LeastPrivilegeIntegrationTests, so that the test proves the very grants the topologies use.
--
-- The owner owns the database and the schema: Flyway migrates as it (CREATE, ALTER, DROP, trusted extensions such as
-- citext and btree_gist). The app role, which the service's pool uses, gets data and nothing else: it can neither
-- create, alter, drop nor truncate a table, create a temporary table, nor create anything in any schema.

-- PUBLIC gets CONNECT and TEMPORARY on every new database by default: only the two roles connect, and neither gets
-- TEMPORARY beyond the owner's own rights
REVOKE ALL ON DATABASE :"database" FROM PUBLIC;
GRANT CONNECT ON DATABASE :"database" TO :"app";

-- before PostgreSQL 15, PUBLIC may CREATE in schema public; from 15 on, public belongs to the database owner
ALTER SCHEMA public OWNER TO :"owner";
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO :"app";

-- every table and sequence the owner creates (that is, every migration) is readable and writable by the app role,
-- as rows only: no TRUNCATE, REFERENCES or TRIGGER
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"app";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO :"app";
-- (a database migrated before these grants, by one role for everything, also needs the owner to run once:
-- GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO <app>; and the same for sequences)
