using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Authorization;
using SocialPrescribing.Messaging.Failures;

namespace SocialPrescribing.Messaging.Audit;

/// <summary>What the chain check found.</summary>
/// <param name="Sealed">Entries in the chain.</param>
/// <param name="Unsealed">Entries after the chain's head, waiting to be sealed (see <see cref="AuditSealer{TDbContext}"/>).</param>
/// <param name="Intact">Every sealed entry is as it was sealed, none is missing and none was slipped in.</param>
/// <param name="FirstBrokenEntryId">The first entry (by id) where the chain does not hold.</param>
/// <param name="Problem"><c>changed</c> (its fields no longer give its hash), <c>missing</c> (sealed, then removed) or <c>not-in-chain</c> (an entry behind the head that was never sealed).</param>
/// <param name="HeadEntryId">The last sealed entry.</param>
/// <param name="HeadHash">Its hash (hex), to compare with the one the sealer logged.</param>
/// <param name="PrunedThroughEntryId">Entries up to this one were removed by the retention schedule (the chain goes on from its link).</param>
public sealed record AuditChainReport(
    long Sealed, long Unsealed, bool Intact, long? FirstBrokenEntryId, string? Problem, long? HeadEntryId, string? HeadHash,
    long? PrunedThroughEntryId = null);

public static class AuditChainApi
{
    /// <summary>
    /// <c>GET {prefix}/admin/audit-chain</c>: recomputes the service's audit hash chain and names the first
    /// broken entry. For admins through the gateway, or with the operator key (as the failed-messages routes).
    /// </summary>
    public static IEndpointRouteBuilder MapAuditChainApi<TDbContext>(this IEndpointRouteBuilder app, string prefix) where TDbContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet($"{prefix}/admin/audit-chain", (TDbContext db, CancellationToken cancellationToken) => VerifyAsync(db, cancellationToken))
            .RequireAuthorization(FailedMessagesApi.OperatorPolicy)
            .WithTags("Operations")
            .WithSummary("Checks this service's audit hash chain and names the first broken entry")
            .WithMetadata(RecordScope.None);
        return app;
    }

    public static async Task<Ok<AuditChainReport>> VerifyAsync(DbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var entries = db.Set<AuditEntry>().AsNoTracking();
        var seals = db.Set<AuditSeal>().AsNoTracking();
        // Retention may have removed the oldest entries: the chain then goes on from the link recorded where it pruned.
        var pruned = await AuditChain.PrunedToAsync(db, cancellationToken);
        var prunedTo = pruned?.EntryId ?? 0;
        var chain = from seal in seals
                    where seal.EntryId > prunedTo
                    join entry in entries on seal.EntryId equals entry.Id into found
                    from entry in found.DefaultIfEmpty()
                    orderby seal.EntryId
                    select new { seal.EntryId, seal.Hash, Entry = entry };

        var previous = pruned?.Hash ?? AuditChain.Genesis;
        long count = 0;
        long? broken = null;
        string? problem = null;
        await foreach (var link in chain.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (link.Entry is null || !AuditChain.Link(previous, link.Entry).AsSpan().SequenceEqual(link.Hash))
            {
                (broken, problem) = (link.EntryId, link.Entry is null ? "missing" : "changed");
                break;
            }

            previous = link.Hash;
            count++;
        }

        var head = await AuditChain.HeadAsync(db, cancellationToken, pruned);
        var headId = head?.EntryId ?? 0;
        // An entry behind the head that the chain does not hold was slipped in (or removed from the chain).
        var outside = await entries.Where(e => e.Id <= headId && !seals.Any(s => s.EntryId == e.Id))
            .MinAsync(e => (long?)e.Id, cancellationToken);
        if (outside is not null && (broken is null || outside < broken))
        {
            (broken, problem) = (outside, "not-in-chain");
        }

        var unsealed = await entries.LongCountAsync(e => e.Id > headId, cancellationToken);
        var total = await seals.LongCountAsync(s => s.EntryId > prunedTo, cancellationToken);
        return TypedResults.Ok(new AuditChainReport(
            total, unsealed, broken is null, broken, problem, head?.EntryId, head is null ? null : Convert.ToHexStringLower(head.Hash), pruned?.EntryId));
    }
}
