using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace SocialPrescribing.EndToEnd.Tests;

/// <summary>
/// The suite as it would run across machines: Case Management as two replicas (competing consumers)
/// and quorum queues. The fault tests stop, kill, pause and restart its parts while referrals arrive.
/// </summary>
public sealed class FaultSuiteFixture : SuiteFixture
{
    public const int CaseReplicas = 2;

    protected override IEnumerable<string> Settings =>
    [
        "Messaging:QueueType=quorum",
        $"Suite:Replicas:{ResourceNames.CaseManagement}={CaseReplicas}",
        "Gateway:SelfReferralsPerMinute=100000",
    ];

    /// <summary>The running copies of a resource (replicas have ids of their own) and their process ids.</summary>
    public async Task<IReadOnlyDictionary<string, int>> RunningAsync(string resourceName, int count, CancellationToken cancellationToken)
    {
        var running = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var e in App.ResourceNotifications.WatchAsync(cancellationToken))
        {
            if (e.Resource.Name != resourceName)
            {
                continue;
            }

            var pid = e.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value;
            if (e.Snapshot.State?.Text == KnownResourceStates.Running && pid is not null
                && e.Snapshot.HealthStatus is null or Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy)
            {
                running[e.ResourceId] = Convert.ToInt32(pid, CultureInfo.InvariantCulture);
            }
            else
            {
                running.Remove(e.ResourceId);
            }

            if (running.Count == count)
            {
                return running;
            }
        }

        throw new OperationCanceledException();
    }

    /// <summary>Waits until a resource copy's process has ended; returns its exit code.</summary>
    public async Task<int?> ExitedAsync(string resourceId, CancellationToken cancellationToken)
    {
        await foreach (var e in App.ResourceNotifications.WatchAsync(cancellationToken))
        {
            if (e.ResourceId == resourceId && e.Snapshot.State?.Text is "Exited" or "Finished" or "FailedToStart")
            {
                return e.Snapshot.ExitCode;
            }
        }

        throw new OperationCanceledException();
    }

    public async Task StartAsync(string resourceId, CancellationToken cancellationToken)
    {
        var result = await App.Services.GetRequiredService<ResourceCommandService>()
            .ExecuteCommandAsync(resourceId, KnownResourceCommands.StartCommand, cancellationToken);
        Assert.True(result.Success, result.Message);
    }

    /// <summary>Sends a signal to one process (SIGKILL, SIGTERM, SIGINT, SIGSTOP, SIGCONT).</summary>
    public static void Signal(int pid, string signal, bool mayBeGone = false)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-s", signal, pid.ToString(CultureInfo.InvariantCulture)]))!;
        kill.WaitForExit();
        // A parent whose child was just killed may have ended by itself a moment before its own signal.
        if (!(mayBeGone && !Directory.Exists($"/proc/{pid}")))
        {
            Assert.Equal(0, kill.ExitCode);
        }
    }

    /// <summary>
    /// The service's own process: the AppHost starts a project through <c>dotnet run</c>, which starts
    /// the service as its child (a signal to the parent alone would not reach it).
    /// </summary>
    public static int ServiceProcessOf(int pid) => ChildrenOf(pid).FirstOrDefault() is var child && child != 0 ? child : pid;

    /// <summary>SIGKILL for a process and everything it started, as a crash or an out-of-memory kill would.</summary>
    public static void KillTree(int pid)
    {
        foreach (var child in ChildrenOf(pid))
        {
            KillTree(child);
        }

        Signal(pid, "KILL", mayBeGone: true);
    }

    /// <summary>The processes whose parent is <paramref name="pid"/> (from /proc).</summary>
    public static IEnumerable<int> ChildrenOf(int pid) =>
        Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(name => int.TryParse(name, out _))
            .Select(name => (Pid: int.Parse(name!, CultureInfo.InvariantCulture), Stat: TryRead($"/proc/{name}/stat")))
            // /proc/N/stat: "pid (comm) state ppid …"; comm may hold spaces, so read after the last ')'.
            .Where(p => p.Stat is not null && p.Stat[(p.Stat.LastIndexOf(')') + 2)..].Split(' ')[1] == pid.ToString(CultureInfo.InvariantCulture))
            .Select(p => p.Pid)
            .ToList();

    /// <summary>
    /// Every referral accepted became exactly one case (its own, or its duplicate's by design): counted
    /// in Case Management's database, cases and the referrals joined to them.
    /// </summary>
    public async Task<CaseCounts> CountCasesAsync(IReadOnlyCollection<Guid> referralIds)
    {
        // No pooling: a pooled connection would not survive the PostgreSQL restart scenario.
        await using var connection = new NpgsqlConnection(await App.GetConnectionStringAsync(ResourceNames.CaseDb) + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT count(*) FILTER (WHERE n >= 1), count(*) FILTER (WHERE n = 0), count(*) FILTER (WHERE n > 1)
            FROM (SELECT (SELECT count(*) FROM cases c WHERE c.referral_id = r.id)
                       + (SELECT count(*) FROM case_referrals j WHERE j.referral_id = r.id) AS n
                  FROM unnest(@ids) AS r(id)) AS per_referral
            """, connection);
        command.Parameters.AddWithValue("ids", referralIds.ToArray());
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new CaseCounts(referralIds.Count, reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    /// <summary>Rows still waiting in any service's outbox.</summary>
    public async Task<long> UndeliveredAsync()
    {
        long total = 0;
        foreach (var database in new[] { ResourceNames.ReferralDb, ResourceNames.CaseDb, ResourceNames.DirectoryDb, ResourceNames.WellbeingDb, ResourceNames.NotificationsDb })
        {
            total += await CountAsync(database, "outbox_messages");
        }

        return total;
    }

    /// <summary>
    /// Where undelivered events sit: per database the count, the most attempts and the latest error (the broker
    /// client's words, no personal data), so a failed scenario says whether a relay kept failing or never tried.
    /// </summary>
    public async Task<string> UndeliveredDetailAsync()
    {
        var parts = new List<string>();
        foreach (var database in new[] { ResourceNames.ReferralDb, ResourceNames.CaseDb, ResourceNames.DirectoryDb, ResourceNames.WellbeingDb, ResourceNames.NotificationsDb })
        {
            var connectionString = await App.GetConnectionStringAsync(database);
            await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT count(*), coalesce(max(attempts), 0), (SELECT last_error FROM outbox_messages WHERE last_error IS NOT NULL ORDER BY sequence DESC LIMIT 1) FROM outbox_messages",
                connection);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            if (reader.GetInt64(0) > 0)
            {
                parts.Add($"{database}: {reader.GetInt64(0)} (most attempts {reader.GetInt32(1)}, last error: {(reader.IsDBNull(2) ? "none" : reader.GetString(2))})");
            }
        }

        return parts.Count == 0 ? "none" : string.Join("; ", parts);
    }

    /// <summary>Messages in any service's _error queues, as an admin sees them through the gateway.</summary>
    public async Task<long> FailedMessagesAsync(HttpClient admin)
    {
        ArgumentNullException.ThrowIfNull(admin);
        long total = 0;
        foreach (var prefix in new[] { "/api/referrals", "/api/cases", "/api/directory", "/api/wellbeing", "/api/notifications" })
        {
            var listed = await admin.GetFromJsonAsync<JsonObject>($"{prefix}/admin/failed-messages");
            total += listed!["total"]!.GetValue<long>();
        }

        return total;
    }

    /// <summary>Which _error queues hold messages and why, for the test output when a scenario leaves some.</summary>
    public async Task<string> FailedMessagesDetailAsync(HttpClient admin)
    {
        ArgumentNullException.ThrowIfNull(admin);
        var parts = new List<string>();
        foreach (var prefix in new[] { "/api/referrals", "/api/cases", "/api/directory", "/api/wellbeing", "/api/notifications" })
        {
            var listed = await admin.GetFromJsonAsync<JsonObject>($"{prefix}/admin/failed-messages");
            if (listed!["total"]!.GetValue<long>() > 0)
            {
                parts.Add($"{prefix}: {listed["queues"]!.ToJsonString()}");
            }
        }

        return parts.Count == 0 ? "none" : string.Join("; ", parts);
    }

    private static string? TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}

public sealed record CaseCounts(long Accepted, long Cases, long Lost, long Doubled)
{
    public override string ToString() => $"{Accepted} accepted, {Cases} cases, {Lost} lost, {Doubled} doubled";
}

[CollectionDefinition(Name)]
public sealed class FaultCollection : ICollectionFixture<FaultSuiteFixture>
{
    public const string Name = "faults";
}
