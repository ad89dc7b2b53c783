using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Authentication;
using SocialPrescribing.Http;
using SocialPrescribing.Messaging.Audit;
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
        services.Db.Audit(services.Http, "create", "completion-link", [link.Id], services.Time);
        await services.Db.SaveChangesAsync(cancellationToken);

        // The address the person will use, as configured: never the request's host (the service's own, or a header's).
        var path = CompletionLinks.CompletePath + token;
        var publicBaseUrl = services.Http.RequestServices.GetRequiredService<PublicBaseUrl>();
        return (new LinkView(link.Id, publicBaseUrl.Link(path), path, instrument.Id, timepoint!, link.ExpiresAt), null);
    }
}
