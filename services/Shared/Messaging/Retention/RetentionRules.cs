using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Persistence.Retention;

namespace SocialPrescribing.Messaging.Retention;

/// <summary>
/// Removes (or anonymises) what a rule's line of the schedule says has expired: records dated before
/// <paramref name="cutOff"/> (the line's period before <paramref name="now"/>). Runs in its own transaction, which
/// the job commits; returns how many records it removed.
/// </summary>
public delegate Task<int> RetentionAction<in TDbContext>(TDbContext db, DateTimeOffset cutOff, DateTimeOffset now, CancellationToken cancellationToken)
    where TDbContext : DbContext;

/// <summary>One rule a service applies: its name (the metric's tag), the schedule line it follows, and what it does.</summary>
public sealed record RetentionRule<TDbContext>(string Name, RetentionEntry Entry, string Removes, RetentionAction<TDbContext> Apply)
    where TDbContext : DbContext;

/// <summary>The rules of one service, besides the two every service has (failed messages and the audit trail).</summary>
public sealed class RetentionRules<TDbContext>
    where TDbContext : DbContext
{
    private readonly List<RetentionRule<TDbContext>> _rules = [];

    public IReadOnlyList<RetentionRule<TDbContext>> All => _rules;

    public RetentionRules<TDbContext> Add(string name, RetentionEntry entry, string removes, RetentionAction<TDbContext> apply)
    {
        _rules.Add(new RetentionRule<TDbContext>(name, entry, removes, apply));
        return this;
    }
}
