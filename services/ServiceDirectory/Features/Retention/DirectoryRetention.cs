using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Messaging.Retention;
using SocialPrescribing.Persistence.Retention;
using SocialPrescribing.ServiceDirectory.Infrastructure;

namespace SocialPrescribing.ServiceDirectory.Features.Retention;

/// <summary>
/// What the Directory removes as the retention schedule says: a provider's copy of a referral once its last
/// activity (completed, else answered, else received) is older than <c>Retention:ClosedCases</c> — the Directory
/// does not hear of a case's closure, and a referral untouched that long belongs to a case long closed.
/// Services, organisations and locations are not personal data and are kept.
/// </summary>
public static class DirectoryRetention
{
    public static void Rules(RetentionRules<DirectoryDbContext> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        rules.Add("provider-referrals", RetentionSchedule.ClosedCases,
            "providers' referrals whose last activity was before the cut-off",
            async (db, cutOff, _, ct) => await db.ProviderReferrals
                .Where(r => (r.CompletedAt ?? r.AnsweredAt ?? r.ReceivedAt) < cutOff)
                .ExecuteDeleteAsync(ct));
    }
}
