using MassTransit;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.CaseManagement.Infrastructure;
using SocialPrescribing.Contracts;
using SocialPrescribing.Messaging.Inbox;

namespace SocialPrescribing.CaseManagement.IntegrationEvents;

/// <summary>A wellbeing score was taken for a case: the case shows it (the baseline is what step BaselineMetrics is about).</summary>
public sealed class RecordScoreOnWellbeingRecorded(CaseDbContext db, TimeProvider time) : InboxConsumer<WellbeingRecorded, CaseDbContext>(db, time)
{
    protected override async Task HandleAsync(ConsumeContext<WellbeingRecorded> context, CancellationToken cancellationToken)
    {
        var found = await Db.Cases.SingleOrDefaultAsync(c => c.Id == context.Message.CaseId, cancellationToken);
        found?.RecordScore(context.Message);
    }
}
