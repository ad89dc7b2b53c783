using MassTransit;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Contracts;
using SocialPrescribing.Messaging.Inbox;
using SocialPrescribing.ReferralIntake.Features.SubjectAccess;
using SocialPrescribing.ReferralIntake.Infrastructure;

namespace SocialPrescribing.ReferralIntake.IntegrationEvents;

/// <summary>
/// A service sent its part of a subject access export: kept until every part is in, then the export is
/// put together (with Intake's own part, read now) as JSON and a printable page. Requests are locked
/// while a part is added, so two parts arriving together cannot both miss that they were the last.
/// </summary>
public sealed class CollectSubjectAccessPart(ReferralDbContext db, TimeProvider time, IConfiguration configuration)
    : InboxConsumer<SubjectAccessContributed, ReferralDbContext>(db, time)
{
    protected override async Task HandleAsync(ConsumeContext<SubjectAccessContributed> context, CancellationToken cancellationToken)
    {
        var part = context.Message;
        // The lock first, then the request with every part already in (committed by whoever held the lock before).
        await Db.Database.ExecuteSqlAsync($"SELECT 1 FROM access_requests WHERE id = {part.RequestId} FOR UPDATE", cancellationToken);
        var request = await Db.AccessRequests.SingleOrDefaultAsync(r => r.Id == part.RequestId, cancellationToken);
        var now = Time.GetUtcNow();
        if (request is null || request.Status(now) == "expired" || !request.Add(part.Service, part.Data, now))
        {
            return;
        }

        var (json, html) = await SubjectAccessExport.BuildAsync(Db, request, ControllerDetails.From(configuration).Name, now, cancellationToken);
        request.Complete(json, html, now);
    }
}
