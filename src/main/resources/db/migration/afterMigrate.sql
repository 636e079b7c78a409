-- Flyway callback, run by the migrating role (the schema's owner) after every migrate. The owner's default privileges
-- (ops/postgres/least-privilege.sql) give the service's role SELECT, INSERT, UPDATE and DELETE on every table the owner
-- creates, Flyway's own history included; the service has no business there, and a deleted or edited history row
-- would make Flyway run a migration again or refuse to start. So every grant on it to another role is taken back.
-- With one role for everything (tests, mvn spring-boot:run) there is none, and this changes nothing.
DO $$
DECLARE
  grantee text;
BEGIN
  FOR grantee IN
    SELECT DISTINCT g.grantee FROM information_schema.role_table_grants g
    WHERE g.table_schema = current_schema() AND g.table_name = 'flyway_schema_history' AND g.grantee <> current_user
  LOOP
    EXECUTE format('REVOKE ALL ON TABLE flyway_schema_history FROM %I', grantee);
  END LOOP;
END
$$;
