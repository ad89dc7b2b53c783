using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Messaging.Retention;
using SocialPrescribing.Persistence.Retention;
using SocialPrescribing.WellbeingMetrics.Infrastructure;

namespace SocialPrescribing.WellbeingMetrics.Features.Retention;

/// <summary>
/// What Wellbeing Metrics removes as the retention schedule says: questionnaire links once they have been expired
/// for <c>Retention:CompletionLinks</c>, and a closed case's questionnaires, scores and outcome pairs once its
/// closure is older than <c>Retention:ClosedCases</c>.
/// </summary>
public static class WellbeingRetention
{
    public static void Rules(RetentionRules<WellbeingDbContext> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        rules.Add("completion-links", RetentionSchedule.CompletionLinks,
                "questionnaire links (used or not) that expired before the cut-off",
                async (db, cutOff, _, ct) => await db.CompletionLinks.Where(l => l.ExpiresAt < cutOff).ExecuteDeleteAsync(ct))
            .Add("closed-cases", RetentionSchedule.ClosedCases,
                "questionnaires, scores and outcome pairs of cases closed before the cut-off",
                async (db, cutOff, _, ct) =>
                {
                    var cases = await db.Cases.Where(c => c.ClosedAt != null && c.ClosedAt < cutOff).Select(c => c.Id).ToListAsync(ct);
                    return await db.RemoveCasesAsync(cases, ct);
                });
    }
}
