using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using SocialPrescribing.Messaging.Failures;
using SocialPrescribing.Persistence;
using SocialPrescribing.Persistence.Retention;

namespace SocialPrescribing.Messaging.Retention;

/// <summary>
/// Applies the retention schedule to this service's records once a day: each of the service's rules (in a
/// transaction of its own), then failed messages older than <c>Retention:FailedMessages</c>, then the audit trail's
/// entries older than <c>Retention:Audit</c> (as the database's owner: the runtime role may not delete them; the
/// chain goes on from the link recorded where it pruned). Counts go to the dashboard (the counter
/// <c>retention.records.removed</c>, by rule) and to <c>retention_runs</c>, which managers see. One copy runs at a
/// time (an advisory lock), and a run is due when the last one is <c>Retention:Interval</c> (a day) old.
/// </summary>
public sealed partial class RetentionJob<TDbContext> : BackgroundService
    where TDbContext : DbContext
{
    public const string MeterName = "SocialPrescribing.Retention";
    public const string FailedMessagesRule = "failed-messages";
    public const string AuditRule = "audit";

    private const long RunLockKey = 0x5350_5245_5445_4E54;

    private readonly IServiceScopeFactory _scopes;
    private readonly RetentionRules<TDbContext> _rules;
    private readonly RetentionPeriods _periods;
    private readonly ServiceDatabase<TDbContext> _database;
    private readonly FailedMessages _failed;
    private readonly TimeProvider _time;
    private readonly ILogger<RetentionJob<TDbContext>> _logger;
    private readonly Counter<long> _removed;
    private readonly TimeSpan _interval;
    private readonly TimeSpan _firstCheckAfter;

    public RetentionJob(
        IServiceScopeFactory scopes, RetentionRules<TDbContext> rules, RetentionPeriods periods, ServiceDatabase<TDbContext> database,
        FailedMessages failed, TimeProvider time, IMeterFactory meters, IConfiguration configuration, ILogger<RetentionJob<TDbContext>> logger)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(configuration);
        (_scopes, _rules, _periods, _database, _failed, _time, _logger) = (scopes, rules, periods, database, failed, time, logger);
        _removed = meters.Create(MeterName).CreateCounter<long>(
            "retention.records.removed", "{record}", "Records removed or anonymised by the retention schedule, by rule");
        _interval = configuration.GetValue($"{RetentionSchedule.Section}:Interval", TimeSpan.FromDays(1));
        _firstCheckAfter = configuration.GetValue($"{RetentionSchedule.Section}:FirstCheckAfter", TimeSpan.FromMinutes(2));
    }

    /// <summary>Every rule this service applies, as the manager's page lists them.</summary>
    public IEnumerable<(string Rule, RetentionEntry Entry, RetentionPeriod Period, string Removes)> Schedule =>
        _rules.All.Select(r => (r.Name, r.Entry, _periods[r.Entry], r.Removes))
            .Append((FailedMessagesRule, RetentionSchedule.FailedMessages, _periods[RetentionSchedule.FailedMessages], "failed messages in this service's _error and _skipped queues"))
            .Append((AuditRule, RetentionSchedule.Audit, _periods[RetentionSchedule.Audit], "audit entries (the hash chain goes on from where it was pruned)"));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(_firstCheckAfter, _time, stoppingToken);
            // Checked hourly, run when a day has passed since the last run of any copy: restarts do not skip a day.
            using var timer = new PeriodicTimer(TimeSpan.FromHours(1), _time);
            do
            {
                try
                {
                    if (await DueAsync(stoppingToken))
                    {
                        await RunOnceAsync(_time.GetUtcNow(), stoppingToken);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The database may be restarting: the next check tries again; nothing expires early.
                    LogRunFailed(_logger, e.GetType().Name);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task<bool> DueAsync(CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var last = await db.Set<RetentionRun>().MaxAsync(r => (DateTimeOffset?)r.AsOf, cancellationToken);
        return last is null || _time.GetUtcNow() - last >= _interval;
    }

    /// <summary>
    /// Applies the schedule as of <paramref name="now"/> (a test passes the clock it controls); returns the run, or null
    /// when another copy is running it.
    /// </summary>
    public async Task<RetentionRun?> RunOnceAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            if (!await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_lock({RunLockKey}) AS \"Value\"").SingleAsync(cancellationToken))
            {
                return null;
            }

            try
            {
                return await ApplyAsync(db, now, cancellationToken);
            }
            finally
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({RunLockKey})", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<RetentionRun> ApplyAsync(TDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var removed = new Dictionary<string, int>();
        var problems = new List<string>();

        async Task Apply(string rule, Func<Task<int>> work)
        {
            try
            {
                var count = await work();
                removed[rule] = count;
                _removed.Add(count, new KeyValuePair<string, object?>("rule", rule));
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                db.ChangeTracker.Clear();
                problems.Add($"{rule}: {e.GetType().Name}");
                LogRuleFailed(_logger, rule, e.GetType().Name);
            }
        }

        foreach (var rule in _rules.All)
        {
            await Apply(rule.Name, async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var count = await rule.Apply(db, _periods[rule.Entry].CutOff(now), now, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return count;
            });
        }

        await Apply(FailedMessagesRule, () => _failed.ExpireAsync(_periods[RetentionSchedule.FailedMessages].CutOff(now), cancellationToken));
        await Apply(AuditRule, () => PruneAuditAsync(_periods[RetentionSchedule.Audit].CutOff(now), now, cancellationToken));

        var run = new RetentionRun(now, _time.GetUtcNow(), removed, problems);
        db.Set<RetentionRun>().Add(run);
        await db.SaveChangesAsync(cancellationToken);
        LogRan(_logger, typeof(TDbContext).Name, removed.Values.Sum(), problems.Count);
        return run;
    }

    /// <summary>
    /// Removes the audit entries older than <paramref name="cutOff"/> that are sealed into the chain (never one behind a
    /// younger entry), as the owner, recording the chain's link at the last one removed (<c>audit_prunes</c>). The
    /// append-only triggers are off only inside this transaction, which holds the tables meanwhile.
    /// </summary>
    private async Task<int> PruneAuditAsync(DateTimeOffset cutOff, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(_database.Role.OwnerConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var find = new NpgsqlCommand(
            """
            SELECT max(e.id) FROM audit_entries AS e
            WHERE e.id < coalesce((SELECT min(y.id) FROM audit_entries AS y WHERE y.at >= @cutOff), 9223372036854775807)
              AND e.id <= (SELECT coalesce(max(s.entry_id), 0) FROM audit_seals AS s)
            """, connection, transaction);
        find.Parameters.AddWithValue("cutOff", cutOff);
        if (await find.ExecuteScalarAsync(cancellationToken) is not long through)
        {
            return 0;
        }

        await using var count = new NpgsqlCommand("SELECT count(*) FROM audit_entries WHERE id <= @through", connection, transaction);
        count.Parameters.AddWithValue("through", through);
        var removed = (int)(long)(await count.ExecuteScalarAsync(cancellationToken))!;
        await using var prune = new NpgsqlCommand(
            """
            ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only;
            ALTER TABLE audit_seals DISABLE TRIGGER audit_seals_append_only;
            INSERT INTO audit_prunes (through_entry_id, hash, entries, pruned_at)
                SELECT @through, s.hash, @removed, @now FROM audit_seals AS s WHERE s.entry_id = @through;
            DELETE FROM audit_seals WHERE entry_id <= @through;
            DELETE FROM audit_entries WHERE id <= @through;
            ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_append_only;
            ALTER TABLE audit_seals ENABLE TRIGGER audit_seals_append_only;
            """, connection, transaction);
        prune.Parameters.AddWithValue("through", through);
        prune.Parameters.AddWithValue("removed", (long)removed);
        prune.Parameters.AddWithValue("now", now);
        await prune.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return removed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention schedule applied to {Context}: {Removed} records removed, {Problems} rules failed")]
    private static partial void LogRan(ILogger logger, string context, int removed, int problems);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention rule {Rule} failed ({ErrorType}); it is tried again at the next run")]
    private static partial void LogRuleFailed(ILogger logger, string rule, string errorType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention run failed ({ErrorType}); trying again at the next check")]
    private static partial void LogRunFailed(ILogger logger, string errorType);
}
