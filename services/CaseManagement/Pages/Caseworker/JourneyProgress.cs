using SocialPrescribing.CaseManagement.Features;
using SocialPrescribing.Contracts;

namespace SocialPrescribing.CaseManagement.Pages.Caseworker;

/// <summary>One step of the journey as the case page's stepper shows it.</summary>
/// <param name="Number">1 to 7.</param>
/// <param name="State"><c>Done</c>, <c>Current step</c> or <c>Not reached</c>.</param>
/// <param name="ReachedBy">The last move into this step (when, and by whom), if the case made one.</param>
public sealed record JourneyStep(int Number, string Step, string State, StepChangeView? ReachedBy)
{
    public bool IsCurrent => State == JourneyProgress.Current;

    /// <summary>The NHS.UK tag colour for the state.</summary>
    public string TagClass => State switch
    {
        JourneyProgress.Done => "nhsuk-tag--green",
        JourneyProgress.Current => "nhsuk-tag--blue",
        _ => "nhsuk-tag--grey",
    };
}

/// <summary>
/// Where a case is on the seven steps: every step before the one reached is done; the one reached is
/// the current step (done once the case is closed). A case that left the journey by an exit has
/// reached the last journey step it moved to.
/// </summary>
public static class JourneyProgress
{
    public const string Done = "Done";
    public const string Current = "Current step";
    public const string NotReached = "Not reached";

    public static IReadOnlyList<JourneyStep> Of(CaseView c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var journey = CaseSteps.Journey;
        var reached = IndexOf(c.Step);
        if (reached < 0)
        {
            var lastJourneyStep = c.History.Where(h => journey.Contains(h.To)).Select(h => h.To).LastOrDefault() ?? CaseSteps.Referral;
            reached = IndexOf(lastJourneyStep);
        }

        return [.. journey.Select((step, i) => new JourneyStep(
            i + 1,
            step,
            i < reached || (i == reached && c.Closed) ? Done : i == reached ? Current : NotReached,
            c.History.LastOrDefault(h => h.To == step)))];
    }

    private static int IndexOf(string step) => CaseSteps.Journey.ToList().IndexOf(step);
}
