using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SocialPrescribing.Contracts;
using SocialPrescribing.Messaging.Inbox;
using SocialPrescribing.Messaging.Outbox;
using SocialPrescribing.ReferralIntake.Infrastructure;
using SocialPrescribing.ReferralIntake.Model;

namespace SocialPrescribing.ReferralIntake.Features.SendGpSummary;

/// <summary>
/// A case's GP summary is due: it is written down to send (the dispatcher sends it) when the person's GP practice is known
/// and its system's address is set; otherwise Case Management is told it was not sent, and why.
/// </summary>
public sealed class TakeGpSummary(ReferralDbContext db, TimeProvider time, IOptions<GpSystems> systems) : InboxConsumer<GpSummaryDue, ReferralDbContext>(db, time)
{
    protected override async Task HandleAsync(ConsumeContext<GpSummaryDue> context, CancellationToken cancellationToken)
    {
        var due = context.Message;
        var now = Time.GetUtcNow();
        if (await Db.GpDeliveries.AnyAsync(d => d.CaseId == due.CaseId, cancellationToken))
        {
            return;
        }

        var referrals = await Db.Referrals.Where(r => due.ReferralIds.Contains(r.Id)).OrderByDescending(r => r.SubmittedAt).ToListAsync(cancellationToken);
        var practice = referrals.Select(r => r.GpPractice).FirstOrDefault(p => p is not null);
        var endpoint = practice is null ? null : systems.Value.EndpointOf(practice);
        if (referrals.Count == 0 || practice is null || endpoint is null)
        {
            var why = referrals.Count == 0 ? "The person's referral is no longer held here, so there is nobody to send it about."
                : practice is null ? "No GP practice is known for the person (only a referral from a GP system names one): give the GP the summary another way."
                : $"No GP system address is set for practice {practice} (GpSystems:Endpoints:{practice}): give the GP the summary another way.";
            Db.AddIntegrationEvent(new GpSummaryDelivery(Guid.CreateVersion7(now), now, due.CaseId, GpDeliveryStatus.NotSent, practice, why, 0), due.CaseId.ToString());
            return;
        }

        var person = referrals.FirstOrDefault(r => r.NhsNumber is not null) ?? referrals[0];
        var delivery = GpDelivery.Start(due.CaseId, due.CaseReference, person.Id, practice, endpoint.ToString(),
            GpMessage.Build(due.CaseId, due.Bundle, person, practice, endpoint, now), now);
        Db.GpDeliveries.Add(delivery);
        Db.AddIntegrationEvent(delivery.Report(now), due.CaseId.ToString());
    }
}
