using SocialPrescribing.Contracts;

namespace SocialPrescribing.WellbeingMetrics.Model;

/// <summary>
/// A case as Case Management's events describe it: scores are only taken for cases known here, and the
/// outcome reports group and count by what is kept (no personal data: ids, channel, source, needs,
/// team, link worker id, dates, step). Events may arrive out of order; each is applied once and the
/// latest step wins.
/// </summary>
public sealed class KnownCase
{
    public Guid Id { get; private set; }

    public string? Reference { get; private set; }

    public string? Team { get; private set; }

    public string? Channel { get; private set; }

    public string? Source { get; private set; }

    public List<string> Needs { get; private set; } = [];

    /// <summary>The person's GP practice (ODS code) where the referral named it: the activity return counts referrals by practice.</summary>
    public string? GpPractice { get; private set; }

    public DateTimeOffset? OpenedAt { get; private set; }

    public string Step { get; private set; } = CaseSteps.Referral;

    public DateTimeOffset StepAt { get; private set; }

    public string? AssignedTo { get; private set; }

    /// <summary>When the link worker first reached the person: the case moved on to <c>AssessmentArranged</c>.</summary>
    public DateTimeOffset? FirstContactAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary><c>Outcomes</c> when the journey was completed, otherwise the exit taken.</summary>
    public string? Outcome { get; private set; }

    private KnownCase()
    {
    }

    public static KnownCase Heard(Guid id, DateTimeOffset at) => new() { Id = id, StepAt = at };

    public void Opened(CaseOpened opened)
    {
        ArgumentNullException.ThrowIfNull(opened);
        Reference = opened.Reference;
        Team = opened.Team;
        Channel = opened.Channel;
        Source = opened.Source;
        Needs = [.. opened.Needs ?? []];
        GpPractice = opened.GpPractice;
        OpenedAt = opened.OccurredAt;
    }

    public void Moved(string to, DateTimeOffset at)
    {
        if (to == CaseSteps.AssessmentArranged && (FirstContactAt is null || at < FirstContactAt))
        {
            FirstContactAt = at;
        }

        if (at >= StepAt)
        {
            Step = to;
            StepAt = at;
        }
    }

    /// <summary>When the case was last given to <see cref="AssignedTo"/>.</summary>
    public DateTimeOffset? AssignedAt { get; private set; }

    /// <summary>A link worker was given the case; an older assignment arriving late changes nothing. True if applied.</summary>
    public bool Assigned(string userId, DateTimeOffset at)
    {
        if (AssignedAt is { } last && at < last)
        {
            return false;
        }

        AssignedTo = userId;
        AssignedAt = at;
        return true;
    }

    public void Closed(string outcome, DateTimeOffset at)
    {
        Outcome = outcome;
        ClosedAt = at;
        if (at >= StepAt)
        {
            Step = outcome;
            StepAt = at;
        }
    }
}
