using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace SocialPrescribing.Persistence;

/// <summary>
/// Least privilege in the database: the configured connection string (<c>ConnectionStrings:{db}</c>) is the
/// database's <b>owner</b>, used only to migrate and, once a day, to remove audit entries past the retention
/// schedule (<c>RetentionJob</c>); the service otherwise serves as a role of its own,
/// <c>{database}_runtime</c>, that may read and write its tables but not change their shape, and may only
/// INSERT and SELECT the audit tables (<c>audit_entries</c>, <c>audit_seals</c>): no UPDATE, DELETE or
/// TRUNCATE, no disabling a trigger (ASVS 7.3.3). The owner creates the role after migrating (it needs
/// CREATEROLE) and sets its password, derived from the owner's with HMAC-SHA256, so every copy agrees
/// without another secret and it changes when the owner's does.
/// </summary>
public sealed record RuntimeRole(string OwnerConnectionString, string RuntimeConnectionString, string Name, string Database)
{
    public const string Suffix = "_runtime";

    /// <summary>Tables the runtime role may only add to and read.</summary>
    public static readonly IReadOnlyList<string> AppendOnlyTables = ["audit_entries", "audit_seals", "audit_prunes"];

    public static RuntimeRole For(string ownerConnectionString)
    {
        var owner = new NpgsqlConnectionStringBuilder(ownerConnectionString);
        var database = owner.Database ?? throw new InvalidOperationException("The database connection string names no database.");
        var name = new string(database.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray()) + Suffix;
        var runtime = new NpgsqlConnectionStringBuilder(ownerConnectionString) { Username = name, Password = PasswordFor(owner, name) };
        return new RuntimeRole(ownerConnectionString, runtime.ConnectionString, name, database);
    }

    private static string PasswordFor(NpgsqlConnectionStringBuilder owner, string role) =>
        Convert.ToBase64String(HMACSHA256.HashData(
            Encoding.UTF8.GetBytes($"{owner.Username}\n{owner.Password}"), Encoding.UTF8.GetBytes("runtime-role:" + role)));

    /// <summary>
    /// Run by the owner after every migration (idempotent): the role exists with its password and exactly
    /// these privileges, also on tables a migration has just added.
    /// </summary>
    public string GrantSql()
    {
        var password = new NpgsqlConnectionStringBuilder(RuntimeConnectionString).Password!.Replace("'", "''", StringComparison.Ordinal);
        var role = $"\"{Name}\"";
        var appendOnly = string.Join(", ", AppendOnlyTables);
        return $"""
            DO $$
            BEGIN
                IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{Name}') THEN
                    CREATE ROLE {role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT PASSWORD '{password}';
                ELSE
                    ALTER ROLE {role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT PASSWORD '{password}';
                END IF;
            END $$;
            GRANT CONNECT ON DATABASE "{Database.Replace("\"", "\"\"", StringComparison.Ordinal)}" TO {role};
            GRANT USAGE ON SCHEMA public TO {role};
            REVOKE CREATE ON SCHEMA public FROM {role};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role};
            REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA public FROM {role};
            GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {role};
            DO $$
            DECLARE t text;
            BEGIN
                IF to_regclass('public.__ef_migrations_history') IS NOT NULL THEN
                    EXECUTE format('REVOKE ALL ON __ef_migrations_history FROM %I', '{Name}');
                END IF;
                FOREACH t IN ARRAY string_to_array('{appendOnly}', ', ') LOOP
                    IF to_regclass('public.' || t) IS NOT NULL THEN
                        EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON %I FROM %I', t, '{Name}');
                    END IF;
                END LOOP;
            END $$;
            """;
    }
}

/// <summary>The roles a service's database is used with (registered by <c>AddServiceDbContext</c>).</summary>
public sealed record ServiceDatabase<TDbContext>(RuntimeRole Role);
