using MassTransit;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Contracts;
using SocialPrescribing.Messaging.Inbox;
using SocialPrescribing.ReferralIntake.Infrastructure;
using SocialPrescribing.ReferralIntake.Model;

namespace SocialPrescribing.ReferralIntake.IntegrationEvents;

/// <summary>The status a person sees follows their case: Case Management's events move their referrals on.</summary>
internal static class CaseFollowing
{
    public static async Task FollowAsync(
        this ReferralDbContext db, Guid caseId, IReadOnlyList<Guid> referralIds, string status, DateTimeOffset now, CancellationToken cancellationToken,
        string? outcome = null)
    {
        var referrals = await db.Referrals.Where(r => referralIds.Contains(r.Id)).ToListAsync(cancellationToken);
        foreach (var referral in referrals)
        {
            referral.FollowCaseId(caseId);
            if (outcome is not null)
            {
                referral.FollowCaseClosed(outcome, now);
            }
            else
            {
                referral.FollowCase(status, now);
            }
        }
    }

    /// <summary>Steps that mean the journey has started; <c>Referral</c> itself does not, and ends are told by CaseClosed.</summary>
    public static bool IsUnderway(string step) =>
        step is CaseSteps.AssessmentArranged or CaseSteps.BaselineMetrics or CaseSteps.SocialPrescription or CaseSteps.FurtherVisits or CaseSteps.HealthRiskReduced;
}

/// <summary>A link worker has the case: the person's referral shows <c>assigned</c>.</summary>
public sealed class FollowCaseOnCaseAssigned(ReferralDbContext db, TimeProvider time) : InboxConsumer<CaseAssigned, ReferralDbContext>(db, time)
{
    protected override Task HandleAsync(ConsumeContext<CaseAssigned> context, CancellationToken cancellationToken) =>
        Db.FollowAsync(context.Message.CaseId, context.Message.ReferralIds, ReferralStatus.Assigned, Time.GetUtcNow(), cancellationToken);
}

/// <summary>The journey has started (assessment arranged or later): <c>inProgress</c>.</summary>
public sealed class FollowCaseOnCaseStepChanged(ReferralDbContext db, TimeProvider time) : InboxConsumer<CaseStepChanged, ReferralDbContext>(db, time)
{
    protected override Task HandleAsync(ConsumeContext<CaseStepChanged> context, CancellationToken cancellationToken) =>
        Db.FollowAsync(
            context.Message.CaseId, context.Message.ReferralIds,
            CaseFollowing.IsUnderway(context.Message.To) ? ReferralStatus.InProgress : ReferralStatus.Received, Time.GetUtcNow(), cancellationToken);
}

/// <summary>The case ended (outcomes reached or an exit): <c>closed</c>, and how; a later referral of the person starts a new episode.</summary>
public sealed class FollowCaseOnCaseClosed(ReferralDbContext db, TimeProvider time) : InboxConsumer<CaseClosed, ReferralDbContext>(db, time)
{
    protected override Task HandleAsync(ConsumeContext<CaseClosed> context, CancellationToken cancellationToken) =>
        Db.FollowAsync(context.Message.CaseId, context.Message.ReferralIds, ReferralStatus.Closed, context.Message.OccurredAt, cancellationToken, context.Message.Outcome);
}

/// <summary>
/// A case was opened for a referral: its team's link workers may now read the person's details, and
/// the status shows <c>assigned</c> when a link worker was given the case as it opened.
/// </summary>
public sealed class FollowCaseOnCaseOpened(ReferralDbContext db, TimeProvider time) : InboxConsumer<CaseOpened, ReferralDbContext>(db, time)
{
    protected override async Task HandleAsync(ConsumeContext<CaseOpened> context, CancellationToken cancellationToken)
    {
        var opened = context.Message;
        if (await Db.Referrals.SingleOrDefaultAsync(r => r.Id == opened.ReferralId, cancellationToken) is not { } referral)
        {
            return;
        }

        var now = Time.GetUtcNow();
        referral.FollowCaseOpened(opened.CaseId, opened.Team, now);

        if (opened.AssignedTo is not null)
        {
            referral.FollowCase(ReferralStatus.Assigned, now);
        }
    }
}
