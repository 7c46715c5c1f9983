-- The two roles of one service's database: the migration role changes the schema, the runtime
-- role only reads and writes rows. Run once per service database, as a superuser or the
-- database's owner (the values come from the region's secret manager, never from git):
--
--   psql -v ON_ERROR_STOP=1 -v migrator=mcr_archive_migrator -v runtime=mcr_archive \
--        -v migrator_password=... -v runtime_password=... -d archive -f roles.sql
--
-- The migration init container connects as `migrator` (Secret mcr-<service>-database-migrator,
-- MCR_MIGRATIONS=only); the service connects as `runtime` (Secret mcr-<service>-database,
-- MCR_MIGRATIONS=verify). tests/test_database_roles.py runs this file.

CREATE ROLE :"migrator" LOGIN PASSWORD :'migrator_password';
CREATE ROLE :"runtime" LOGIN PASSWORD :'runtime_password';

-- Only the migration role creates objects here; the tables it creates are its own, and only
-- an owner may alter or drop a table.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE, CREATE ON SCHEMA public TO :"migrator";
GRANT USAGE ON SCHEMA public TO :"runtime";

-- Rows, never the schema: what the migrations create from now on is granted as it appears.
ALTER DEFAULT PRIVILEGES FOR ROLE :"migrator" IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"runtime";
ALTER DEFAULT PRIVILEGES FOR ROLE :"migrator" IN SCHEMA public
    GRANT USAGE, SELECT ON SEQUENCES TO :"runtime";

-- What exists already (a database migrated before the roles were split; then also make the
-- migration role the owner of those tables: ALTER TABLE ... OWNER TO migrator).
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO :"runtime";
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO :"runtime";
