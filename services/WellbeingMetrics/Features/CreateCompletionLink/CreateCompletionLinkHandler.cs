using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Authentication;
using SocialPrescribing.Contracts;
using SocialPrescribing.Http;
using SocialPrescribing.Messaging.Audit;
using SocialPrescribing.Messaging.Outbox;
using SocialPrescribing.Validation;
using SocialPrescribing.WellbeingMetrics.Features.CompleteQuestionnaire;
using SocialPrescribing.WellbeingMetrics.Model;

namespace SocialPrescribing.WellbeingMetrics.Features.CreateCompletionLink;

/// <summary>Makes a one-time link for the person, for the API and the case's wellbeing page alike.</summary>
public static class CreateCompletionLinkHandler
{
    /// <summary>
    /// Makes a link for a case the user may see: the link, or the mistakes (instrument, timepoint), or
    /// neither when the case is not theirs to see. Shared by the API and the case page.
    /// </summary>
    public static async Task<(LinkView? Link, ValidationErrors? Errors)> MakeAsync(
        WellbeingServices services, Guid caseId, string? instrumentId, string? timepoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (!await services.Db.Cases.VisibleTo(services.Http.User).AnyAsync(c => c.Id == caseId, cancellationToken))
        {
            return (null, null);
        }

        var errors = new ValidationErrors();
        var instrument = instrumentId is null ? null : await services.Db.Instruments.AsNoTracking().SingleOrDefaultAsync(i => i.Id == instrumentId, cancellationToken);
        if (instrument is null)
        {
            errors.Add("instrument", "Choose which questionnaire to send (see /api/wellbeing/instruments).");
        }

        if (timepoint is null || !Timepoint.Names.Contains(timepoint))
        {
            errors.Add("timepoint", $"Choose when in the journey: {string.Join(", ", Timepoint.Names)}.");
        }
        else if (instrument is not null && timepoint != Timepoint.FollowUpName &&
                 await services.Db.Assessments.AnyAsync(a => a.CaseId == caseId && a.InstrumentId == instrument.Id && a.Timepoint == timepoint, cancellationToken))
        {
            errors.Add("timepoint", $"This case already has a {timepoint} {instrument.Definition.Name} score.");
        }

        if (!errors.IsEmpty)
        {
            return (null, errors);
        }

        var now = services.Time.GetUtcNow();
        var createdBy = services.Http.User.FindFirst(SuiteAuthentication.SubjectClaim)?.Value ?? "unknown";
        var (link, token) = CompletionLink.Create(caseId, instrument!.Id, timepoint!, createdBy, now);
        services.Db.CompletionLinks.Add(link);
        // The address the person will use, as configured: never the request's host (the service's own, or a header's).
        var path = CompletionLinks.CompletePath + token;
        var url = services.Http.RequestServices.GetRequiredService<PublicBaseUrl>().Link(path);
        // The Notifications service sends it to the person the way they chose (in the same commit as the link).
        services.Db.AddIntegrationEvent(new QuestionnaireLinkDue(Guid.CreateVersion7(now), now, link.Id, caseId, url, link.ExpiresAt), caseId.ToString());
        services.Db.Audit(services.Http, "create", "completion-link", [link.Id], services.Time);
        await services.Db.SaveChangesAsync(cancellationToken);
        return (new LinkView(link.Id, url, path, instrument.Id, timepoint!, link.ExpiresAt), null);
    }
}
