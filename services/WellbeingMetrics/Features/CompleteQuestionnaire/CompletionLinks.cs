using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Validation;
using SocialPrescribing.WellbeingMetrics.Features.RecordAssessment;
using SocialPrescribing.WellbeingMetrics.Model;

namespace SocialPrescribing.WellbeingMetrics.Features.CompleteQuestionnaire;

/// <summary>Opening and using a one-time link, for the completion page.</summary>
public static class CompletionLinks
{
    /// <summary>Where the person answers: the page is <c>/wellbeing/complete/{token}</c>.</summary>
    public const string CompletePath = "/wellbeing/complete/";

    public enum State
    {
        Open,
        Unknown,
        Used,
        Expired,
    }

    public static async Task<(State State, CompletionLink? Link, InstrumentDefinition? Instrument)> OpenAsync(
        WellbeingServices services, string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return (State.Unknown, null, null);
        }

        var hash = CompletionLink.Hash(token);
        var link = await services.Db.CompletionLinks.SingleOrDefaultAsync(l => l.TokenHash == hash, cancellationToken);
        if (link is null)
        {
            return (State.Unknown, null, null);
        }

        if (link.UsedAt is not null)
        {
            return (State.Used, link, null);
        }

        if (!link.IsOpen(services.Time.GetUtcNow()))
        {
            return (State.Expired, link, null);
        }

        var instrument = (await services.Db.Instruments.AsNoTracking().SingleAsync(i => i.Id == link.InstrumentId, cancellationToken)).Definition;
        return (State.Open, link, instrument);
    }

    /// <summary>Records the person's answers and uses up the link, in one commit.</summary>
    public static Task<RecordAssessmentHandler.Outcome> CompleteAsync(
        WellbeingServices services, CompletionLink link, IReadOnlyList<int> responses, string? supplementary, string language, ValidationErrors errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(link);
        var now = services.Time.GetUtcNow();
        var request = new AssessmentRequest(link.CaseId, link.InstrumentId, link.Timepoint, null, AssessmentModes.Online, responses,
            DateOnly.FromDateTime(now.UtcDateTime), supplementary, language);
        return RecordAssessmentHandler.RecordAsync(services, request, "self", errors, cancellationToken, anyCase: true, alongside: a => link.Use(a.Id, now));
    }
}
