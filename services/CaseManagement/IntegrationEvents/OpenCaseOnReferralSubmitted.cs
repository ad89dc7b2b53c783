using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SocialPrescribing.CaseManagement.Features;
using SocialPrescribing.CaseManagement.Features.Safeguarding;
using SocialPrescribing.CaseManagement.Infrastructure;
using SocialPrescribing.CaseManagement.Model;
using SocialPrescribing.Contracts;
using SocialPrescribing.Messaging.Audit;
using SocialPrescribing.Messaging.Inbox;
using SocialPrescribing.Messaging.Outbox;

namespace SocialPrescribing.CaseManagement.IntegrationEvents;

/// <summary>
/// Opens a case at step Referral for each new referral, once, for the team covering its area, and
/// gives it to the team's link worker with the fewest open cases (if the team has one yet); a
/// referral Intake linked to the person's open referral joins that referral's case instead. A safeguarding
/// concern the call handler raised with a phone referral becomes a concern on that case (the leads are told).
/// </summary>
public sealed class OpenCaseOnReferralSubmitted(CaseDbContext db, TimeProvider time, IOptions<TeamAreas> teams, IOptions<ContactTargets> targets)
    : InboxConsumer<ReferralSubmitted, CaseDbContext>(db, time)
{
    protected override async Task HandleAsync(ConsumeContext<ReferralSubmitted> context, CancellationToken cancellationToken)
    {
        var referral = context.Message;
        if (await Db.Cases.AnyAsync(c => c.ReferralId == referral.ReferralId, cancellationToken))
        {
            return;
        }

        if (referral.DuplicateOfReferralId is { } first)
        {
            var existing = await Db.Cases.SingleOrDefaultAsync(c => c.ReferralId == first, cancellationToken)
                           ?? throw new CaseNotOpenedYetException(first);
            existing.AddReferral(referral, targets.Value, Time.GetUtcNow());
            RaiseConcern(existing, referral);
            return;
        }

        var now = Time.GetUtcNow();
        var opened = Case.Open(referral, teams.Value.TeamFor(referral.Area), targets.Value, now);
        // The first link worker travels in CaseOpened: one event for the services that follow cases, not two.
        if (await LinkWorkerRoster.ChooseForAsync(Db, opened.Team, cancellationToken) is { } worker)
        {
            opened.AssignTo(worker, now);
        }

        Db.Cases.Add(opened);
        Db.AddIntegrationEvent(opened.ToOpenedEvent(), opened.Id.ToString());
        RaiseConcern(opened, referral);
    }

    private void RaiseConcern(Case about, ReferralSubmitted referral)
    {
        if (referral.Concern is not { } concern)
        {
            return;
        }

        // Checked by Intake with the same rules (SafeguardingCategories); kept as given whatever, for a lead must see it.
        var input = new ConcernInput(concern.Subject, concern.Category, concern.Description, concern.PersonAware, concern.Consent, concern.ImmediateDanger);
        var now = Time.GetUtcNow();
        SafeguardingHandler.Raise(Db, about, input, concern.RaisedBy, targets.Value, now);
        Db.AuditOnBehalf(concern.RaisedBy, SafeguardingHandler.AuditRaised, CaseServices.AuditResource, [about.Id], "event ReferralSubmitted", Time);
    }
}

/// <summary>
/// A message about a referral whose case is not open yet (events of one episode overtook each
/// other between consumers): thrown so the message is retried, by which time the case exists.
/// </summary>
public sealed class CaseNotOpenedYetException(Guid referralId)
    : Exception($"No case is open yet for referral {referralId}; the message will be retried.");

internal static class CaseLookup
{
    /// <summary>The case holding a referral (as its own or a joined one); throws to retry when it is not open yet.</summary>
    public static async Task<Case> CaseOfReferralAsync(this CaseDbContext db, Guid referralId, CancellationToken cancellationToken) =>
        await db.Cases.SingleOrDefaultAsync(c => c.ReferralId == referralId || c.AlsoReferred.Any(r => r.ReferralId == referralId), cancellationToken)
        ?? throw new CaseNotOpenedYetException(referralId);
}
