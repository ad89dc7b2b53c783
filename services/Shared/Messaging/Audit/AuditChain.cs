using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace SocialPrescribing.Messaging.Audit;

/// <summary>The hash chain over a service's audit entries (see <see cref="AuditSeal"/>).</summary>
public static class AuditChain
{
    /// <summary>The "previous hash" of the first entry.</summary>
    public static readonly byte[] Genesis = new byte[32];

    /// <summary>The point retention last pruned the chain to (its entry id and link), or null when it never has.</summary>
    public static Task<AuditLink?> PrunedToAsync(DbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Set<AuditPrune>().AsNoTracking().OrderByDescending(p => p.ThroughEntryId)
            .Select(p => new AuditLink(p.ThroughEntryId, p.Hash)).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// The chain's head: its last seal or, when retention has removed every sealed entry, the point it pruned to (read
    /// only then, unless the caller has it already in <paramref name="pruned"/>); null for an empty chain.
    /// </summary>
    public static async Task<AuditLink?> HeadAsync(DbContext db, CancellationToken cancellationToken, AuditLink? pruned = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.Set<AuditSeal>().AsNoTracking().OrderByDescending(s => s.EntryId)
                   .Select(s => new AuditLink(s.EntryId, s.Hash)).FirstOrDefaultAsync(cancellationToken)
               ?? pruned
               ?? await PrunedToAsync(db, cancellationToken);
    }

    /// <summary>
    /// The entry's link: every field, each length-prefixed so no two entries read alike, after the previous link.
    /// </summary>
    public static byte[] Link(byte[] previous, AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(entry);
        var text = new StringBuilder();
        foreach (var field in new[]
                 {
                     entry.Id.ToString(CultureInfo.InvariantCulture),
                     entry.At.UtcTicks.ToString(CultureInfo.InvariantCulture),
                     entry.Actor, entry.ActorRoles, entry.Action, entry.ResourceType,
                     entry.ResourceId.ToString("D"), entry.Route,
                 })
        {
            text.Append(field.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(field).Append('\n');
        }

        var fields = Encoding.UTF8.GetBytes(text.ToString());
        var input = new byte[previous.Length + fields.Length];
        previous.CopyTo(input, 0);
        fields.CopyTo(input, previous.Length);
        return SHA256.HashData(input);
    }
}

/// <summary>A link of the chain: an entry's id and its hash.</summary>
public sealed record AuditLink(long EntryId, byte[] Hash);
