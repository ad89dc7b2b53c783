using Microsoft.EntityFrameworkCore;
using Npgsql;
using SocialPrescribing.Messaging.Outbox;
using SocialPrescribing.ReferralIntake.Model;

namespace SocialPrescribing.ReferralIntake.Infrastructure;

/// <summary>Stores a valid referral and its ReferralSubmitted event in one transaction.</summary>
public sealed class ReferralSubmitter(ReferralDbContext db, TimeProvider time)
{
    public async Task<Referral> SubmitAsync(ValidReferral valid, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var referral = Referral.Submit(valid, ReferenceGenerator.Next(), time.GetUtcNow());
            db.Referrals.Add(referral);
            db.AddIntegrationEvent(referral.ToSubmittedEvent(), referral.Id.ToString());
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return referral;
            }
            catch (DbUpdateException ex) when (attempt < 5 && ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // A reference already in use (about one in 10^12): draw another.
                db.ChangeTracker.Clear();
            }
        }
    }
}
