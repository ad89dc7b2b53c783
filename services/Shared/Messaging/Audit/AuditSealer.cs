using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SocialPrescribing.Messaging.Audit;

/// <summary>
/// Seals the service's audit entries into the hash chain, in id order, off the request path (a request
/// only inserts its entry; nothing serialises on the chain's head). An entry is sealed once it is older than
/// <c>Audit:SealAfter</c> (1 minute: by then the transaction that wrote it has committed, so a lower id
/// never turns up behind the head). One copy seals at a time (a PostgreSQL advisory lock); each batch logs
/// the new head, so a copy of the chain's end also lives outside the database.
/// </summary>
public sealed partial class AuditSealer<TDbContext>(
    IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time, ILogger<AuditSealer<TDbContext>> logger) : BackgroundService
    where TDbContext : DbContext
{
    private const long SealLockKey = 0x5350_4155_4449_5453;
    private const int BatchSize = 500;

    private readonly TimeSpan _sealAfter = configuration.GetValue("Audit:SealAfter", TimeSpan.FromMinutes(1));
    private readonly TimeSpan _interval = configuration.GetValue("Audit:SealInterval", TimeSpan.FromSeconds(5));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_interval, time);
        do
        {
            try
            {
                while (await SealBatchAsync(stoppingToken) == BatchSize)
                {
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be restarting: the next tick tries again, nothing is lost (entries wait unsealed).
                LogFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Seals the next entries old enough; returns how many.</summary>
    public async Task<int> SealBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({SealLockKey}) AS \"Value\"").SingleAsync(cancellationToken))
        {
            return 0;
        }

        // The chain's head: its last seal or, when retention has removed every sealed entry, the point it pruned to.
        var head = await AuditChain.HeadAsync(db, cancellationToken);
        var now = time.GetUtcNow();
        var cutoff = now - _sealAfter;
        var entries = await db.Set<AuditEntry>().AsNoTracking()
            .Where(e => e.Id > (head == null ? 0 : head.EntryId))
            .OrderBy(e => e.Id).Take(BatchSize)
            .ToListAsync(cancellationToken);
        var previous = head?.Hash ?? AuditChain.Genesis;
        var sealedCount = 0;
        foreach (var entry in entries.TakeWhile(e => e.At <= cutoff))
        {
            previous = AuditChain.Link(previous, entry);
            db.Set<AuditSeal>().Add(new AuditSeal(entry.Id, previous, now));
            sealedCount++;
        }

        if (sealedCount > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            LogSealed(logger, typeof(TDbContext).Name, entries[sealedCount - 1].Id, Convert.ToHexStringLower(previous));
        }

        return sealedCount;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit chain of {Context} sealed to entry {EntryId}; head {HeadHash}")]
    private static partial void LogSealed(ILogger logger, string context, long entryId, string headHash);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sealing the audit chain failed; retrying at the next tick")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
