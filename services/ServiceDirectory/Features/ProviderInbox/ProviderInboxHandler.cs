using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Contracts;
using SocialPrescribing.Messaging.Audit;
using SocialPrescribing.Messaging.Outbox;
using SocialPrescribing.ServiceDirectory.Features;
using SocialPrescribing.ServiceDirectory.Features.OrukRecords;
using SocialPrescribing.ServiceDirectory.Features.BrowseDirectory;
using SocialPrescribing.ServiceDirectory.Features.ProviderInbox;
using SocialPrescribing.ServiceDirectory.Features.EditService;
using SocialPrescribing.ServiceDirectory.Features.EditOrganization;
using SocialPrescribing.ServiceDirectory.Features.ImportDirectory;
using SocialPrescribing.ServiceDirectory.Features.ExportDirectory;
using SocialPrescribing.ServiceDirectory.Infrastructure;
using SocialPrescribing.ServiceDirectory.Model;
using SocialPrescribing.Authentication;

namespace SocialPrescribing.ServiceDirectory.Features.ProviderInbox;

public enum AnswerOutcome
{
    Done,
    NotFound,
    NotWaiting,
    ChangedMeanwhile,
}

/// <summary>What became of a provider's answer; <see cref="Referral"/> when it was done.</summary>
public sealed record AnswerResult(AnswerOutcome Outcome, ProviderReferralView? Referral = null, string? Detail = null, string? Status = null);

/// <summary>The provider inbox's reads and answers, shared by its API and its page.</summary>
public static class ProviderInboxHandler
{
    public const string AuditResource = "provider-referral";
    public const int MaxReasonLength = 500;

    /// <summary>The caller's referrals in <paramref name="status"/> (or <c>all</c>), reminded first, then the longest waiting; the read is audited.</summary>
    public static async Task<List<ProviderReferralView>> ListAsync(InboxServices services, string status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var referrals = services.Db.ProviderReferrals.AsNoTracking().VisibleTo(services.Http.User);
        if (status != "all")
        {
            referrals = referrals.Where(r => r.Status == status);
        }

        var found = await referrals
            .Join(services.Db.Services, r => r.ServiceId, s => s.Id, (r, s) => new { Referral = r, s.Name })
            .OrderByDescending(f => f.Referral.RemindedAt != null).ThenBy(f => f.Referral.ReceivedAt)
            .Take(500)
            .ToListAsync(cancellationToken);
        services.Db.Audit(services.Http, "read", AuditResource, found.Select(f => f.Referral.Id), services.Time);
        await services.Db.SaveChangesAsync(cancellationToken);
        var now = services.Time.GetUtcNow();
        var positions = await PositionsAsync(services.Db, [.. found.Where(f => f.Referral.Status == ProviderReferralStatus.Waiting).Select(f => f.Referral.ServiceId)], cancellationToken);
        return [.. found
            .Select(f => ProviderReferralView.From(f.Referral, f.Name, now, positions.TryGetValue(f.Referral.Id, out var at) ? at : null))
            .OrderBy(v => v.Position is null ? 0 : 1).ThenBy(v => v.ServiceName, StringComparer.Ordinal).ThenBy(v => v.Position)];
    }

    /// <summary>Each waiting request's place in its service's line (1: next), counting every request in it.</summary>
    internal static async Task<Dictionary<Guid, int>> PositionsAsync(DirectoryDbContext db, IReadOnlyCollection<Guid> serviceIds, CancellationToken cancellationToken)
    {
        if (serviceIds.Count == 0)
        {
            return [];
        }

        var lines = await db.ProviderReferrals.AsNoTracking()
            .Where(r => serviceIds.Contains(r.ServiceId) && r.Status == ProviderReferralStatus.Waiting)
            .OrderBy(r => r.ReceivedAt).ThenBy(r => r.Id)
            .Select(r => new { r.Id, r.ServiceId })
            .ToListAsync(cancellationToken);
        return lines.GroupBy(r => r.ServiceId).SelectMany(g => g.Select((r, i) => (r.Id, Position: i + 1))).ToDictionary(p => p.Id, p => p.Position);
    }

    /// <summary>
    /// Loads a referral the caller may answer and its service, applies <paramref name="answer"/>, and
    /// commits it with its event, the new capacity and wait, and the audit entry, in one transaction.
    /// </summary>
    public static async Task<AnswerResult> AnswerAsync(
        InboxServices services, Guid id, Func<ProviderReferral, Service, DateTimeOffset, IIntegrationEvent> answer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(answer);
        var db = services.Db;
        var referral = await db.ProviderReferrals.VisibleTo(services.Http.User).SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (referral is null)
        {
            return new AnswerResult(AnswerOutcome.NotFound);
        }

        var service = await db.Services.SingleAsync(s => s.Id == referral.ServiceId, cancellationToken);
        var now = services.Time.GetUtcNow();
        IIntegrationEvent @event;
        try
        {
            @event = answer(referral, service, now);
        }
        catch (ProviderReferralAnsweredException ex)
        {
            return new AnswerResult(AnswerOutcome.NotWaiting, Detail: ex.Message, Status: ex.Status);
        }

        if (@event is ProviderReferralAccepted)
        {
            // The wait to expect: recent acceptances, this one included.
            var recent = await db.ProviderReferrals.AsNoTracking()
                .Where(r => r.ServiceId == service.Id && r.AnsweredAt != null && r.Id != referral.Id
                            && (r.Status == ProviderReferralStatus.Accepted || r.Status == ProviderReferralStatus.Completed))
                .OrderByDescending(r => r.AnsweredAt).Take(19)
                .Select(r => new { r.ReceivedAt, r.AnsweredAt })
                .ToListAsync(cancellationToken);
            service.EstimateWait([.. recent.Select(r => r.AnsweredAt!.Value - r.ReceivedAt), now - referral.ReceivedAt]);
        }

        service.LastModified = now;
        db.AddIntegrationEvent(@event, referral.Id.ToString());
        // A place freed, or an offered place turned down: the next in line is offered it.
        await db.MoveOnAsync(service, now, cancellationToken);
        db.Audit(services.Http, "write", AuditResource, [referral.Id], services.Time);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new AnswerResult(AnswerOutcome.ChangedMeanwhile,
                Detail: "Someone else answered this referral, or it expired, at the same time. Look at it again.");
        }

        return new AnswerResult(AnswerOutcome.Done, ProviderReferralView.From(referral, service.Name, now));
    }
}
