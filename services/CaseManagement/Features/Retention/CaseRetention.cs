using Microsoft.EntityFrameworkCore;
using SocialPrescribing.CaseManagement.Infrastructure;
using SocialPrescribing.CaseManagement.Model;
using SocialPrescribing.Messaging.Retention;
using SocialPrescribing.Persistence.Retention;

namespace SocialPrescribing.CaseManagement.Features.Retention;

/// <summary>
/// What Case Management removes as the retention schedule says: a closed case, with everything recorded on it
/// (appointments, contacts, notes, prescriptions, tasks, scores, its history, its safeguarding concerns), once its closure is older than
/// <c>Retention:ClosedCases</c>. Closure is the case's last move, to Outcomes or out of the journey.
/// </summary>
public static class CaseRetention
{
    private static readonly CaseStep[] ClosedSteps = [CaseStep.Outcomes, .. Case.Exits];

    public static void Rules(RetentionRules<CaseDbContext> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        rules.Add("closed-cases", RetentionSchedule.ClosedCases,
            "closed cases with their appointments, contacts, notes, prescriptions, tasks, scores, history and safeguarding concerns, closed before the cut-off",
            async (db, cutOff, _, ct) =>
            {
                var expired = await db.Cases
                    .Where(c => ClosedSteps.Contains(c.Step) && c.History.Max(h => (DateTimeOffset?)h.At) < cutOff)
                    .Select(c => c.Id).ToListAsync(ct);
                // The case's own records are its owned tables: the database removes them with it.
                return await db.Cases.Where(c => expired.Contains(c.Id)).ExecuteDeleteAsync(ct);
            });
    }
}
