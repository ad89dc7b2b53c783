using Npgsql;

namespace SocialPrescribing.TestSupport;

/// <summary>What a service's runtime database role may do with the audit tables: INSERT and SELECT, nothing else.</summary>
public static class AuditTables
{
    public static readonly string[] Names = ["audit_entries", "audit_seals", "audit_prunes"];

    /// <summary>
    /// Connected as the runtime role, tries to read and add an audit entry (which must work) and to UPDATE,
    /// DELETE, TRUNCATE, disable the append-only trigger and drop each audit table (which PostgreSQL must
    /// refuse: insufficient privilege). Returns every way it did not hold; empty when all is as it should be.
    /// </summary>
    public static async Task<List<string>> WhatTheRuntimeRoleMayDoBeyondInsertAndSelectAsync(string runtimeConnectionString)
    {
        var problems = new List<string>();
        await using var connection = new NpgsqlConnection(runtimeConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        var user = (string)(await ScalarAsync(connection, "SELECT current_user"))!;
        if (!user.EndsWith("_runtime", StringComparison.Ordinal))
        {
            problems.Add($"connected as {user}, not a runtime role");
        }

        await ScalarAsync(connection, """
            INSERT INTO audit_entries (at, actor, actor_roles, action, resource_type, resource_id, route)
            VALUES (now(), 'test', '', 'read', 'test', gen_random_uuid(), 'GET /test') RETURNING id
            """);
        foreach (var table in Names)
        {
            await ScalarAsync(connection, $"SELECT count(*) FROM {table}");
            var column = table switch { "audit_entries" => "at", "audit_prunes" => "pruned_at", _ => "sealed_at" };
            foreach (var statement in new[]
                     {
                         $"UPDATE {table} SET {column} = {column} WHERE false",
                         $"DELETE FROM {table} WHERE false",
                         $"TRUNCATE {table}",
                         $"ALTER TABLE {table} DISABLE TRIGGER ALL",
                         $"DROP TABLE {table}",
                     })
            {
                try
                {
                    await ScalarAsync(connection, statement);
                    problems.Add($"{statement}: allowed");
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
                {
                }
                catch (PostgresException e)
                {
                    problems.Add($"{statement}: {e.SqlState} {e.MessageText}");
                }
            }
        }

        return problems;
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
