using Microsoft.EntityFrameworkCore;
using Npgsql;
using SocialPrescribing.Messaging.Audit;
using SocialPrescribing.Messaging.Outbox;
using SocialPrescribing.Privacy;
using SocialPrescribing.ReferralIntake.Model;

namespace SocialPrescribing.ReferralIntake.Infrastructure;

/// <summary>Stores a valid referral and its ReferralSubmitted event in one transaction.</summary>
public sealed partial class ReferralSubmitter(ReferralDbContext db, TimeProvider time, ILogger<ReferralSubmitter> logger)
{
    public const string AuditResource = "referral";

    /// <summary>Stores the referral, its event and the audit entry of who submitted it, in one commit.</summary>
    public async Task<Referral> SubmitAsync(ValidReferral valid, HttpContext http, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var referral = Referral.Submit(valid, ReferenceGenerator.Next(), time.GetUtcNow());
            db.Referrals.Add(referral);
            db.AddIntegrationEvent(referral.ToSubmittedEvent(), referral.Id.ToString());
            db.Audit(http, "write", AuditResource, [referral.Id], time);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                LogAccepted(logger, referral.Reference, referral.Channel, referral.Source, referral.Urgent, valid.Person.Postcode);
                return referral;
            }
            catch (DbUpdateException ex) when (attempt < 5 && ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // A reference already in use (about one in 10^12): draw another.
                db.ChangeTracker.Clear();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Referral {Reference} accepted: channel {Channel}, source {Source}, urgent {Urgent}, postcode {Postcode}")]
    private static partial void LogAccepted(ILogger logger, string reference, string channel, string source, bool urgent, [Identifying] string postcode);
}
