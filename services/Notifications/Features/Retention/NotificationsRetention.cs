using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Messaging.Retention;
using SocialPrescribing.Notifications.Infrastructure;
using SocialPrescribing.Persistence.Retention;

namespace SocialPrescribing.Notifications.Features.Retention;

/// <summary>
/// What the Notifications service removes as the retention schedule says: a closed case's messages and alerts (and what it
/// knew of the case) once its closure is older than <c>Retention:ClosedCases</c>; messages about referrals that never
/// became a case, and messages to providers, once older than <c>Retention:UnconvertedReferrals</c>; and then the contact
/// of a person with no message left who has not been heard of for that long.
/// </summary>
public static class NotificationsRetention
{
    public static void Rules(RetentionRules<NotificationsDbContext> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        rules.Add("closed-cases", RetentionSchedule.ClosedCases,
                "messages and staff alerts of cases closed before the cut-off",
                async (db, cutOff, _, ct) =>
                {
                    var closed = await db.Cases.Where(c => c.ClosedAt != null && c.ClosedAt < cutOff).ToListAsync(ct);
                    var cases = closed.Select(c => c.Id).ToList();
                    var referrals = closed.SelectMany(c => c.ReferralIds).ToList();
                    return await db.Notices.Where(n => (n.CaseId != null && cases.Contains(n.CaseId.Value)) || (n.ReferralId != null && referrals.Contains(n.ReferralId.Value)))
                               .ExecuteDeleteAsync(ct)
                           + await db.StaffAlerts.Where(a => cases.Contains(a.CaseId)).ExecuteDeleteAsync(ct)
                           + await db.ReferralPeople.Where(r => referrals.Contains(r.ReferralId)).ExecuteDeleteAsync(ct)
                           + await db.Cases.Where(c => cases.Contains(c.Id)).ExecuteDeleteAsync(ct);
                })
            .Add("unconverted-referrals", RetentionSchedule.UnconvertedReferrals,
                "messages about referrals that never became a case, messages to providers, and contacts with no message left, older than the cut-off",
                async (db, cutOff, _, ct) =>
                    await db.Notices.Where(n => n.CaseId == null && n.CreatedAt < cutOff
                                                && (n.ReferralId == null || !db.Cases.Any(c => c.ReferralIds.Contains(n.ReferralId.Value))))
                        .ExecuteDeleteAsync(ct)
                    + await db.Recipients.Where(r => r.UpdatedAt < cutOff && !db.Notices.Any(n => n.PersonId == r.PersonId)).ExecuteDeleteAsync(ct));
    }
}
