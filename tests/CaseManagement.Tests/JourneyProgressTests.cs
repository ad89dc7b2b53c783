using SocialPrescribing.CaseManagement.Features;
using SocialPrescribing.CaseManagement.Model;
using SocialPrescribing.CaseManagement.Pages.Caseworker;

namespace SocialPrescribing.CaseManagement.Tests;

/// <summary>The case page's stepper: what is done, what is current, what is not reached, and who moved the case on.</summary>
public sealed class JourneyProgressTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Steps_before_the_one_reached_are_done_and_the_one_reached_is_current()
    {
        var steps = JourneyProgress.Of(CaseView.Of(CaseRulesTests.AtStep(CaseStep.BaselineMetrics), Now));

        Assert.Equal([1, 2, 3, 4, 5, 6, 7], steps.Select(s => s.Number));
        Assert.Equal(["Done", "Done", "Current step", "Not reached", "Not reached", "Not reached", "Not reached"], steps.Select(s => s.State));
        Assert.Equal([false, false, true, false, false, false, false], steps.Select(s => s.IsCurrent));
        Assert.Null(steps[0].ReachedBy);
        Assert.Equal("lw-1", steps[2].ReachedBy?.By);
        Assert.Null(steps[3].ReachedBy);
    }

    [Fact]
    public void A_case_closed_at_Outcomes_has_every_step_done_and_none_current()
    {
        var steps = JourneyProgress.Of(CaseView.Of(CaseRulesTests.AtStep(CaseStep.Outcomes), Now));

        Assert.All(steps, s => Assert.Equal("Done", s.State));
        Assert.DoesNotContain(steps, s => s.IsCurrent);
    }

    [Fact]
    public void A_case_that_left_by_an_exit_shows_the_journey_done_up_to_its_last_step()
    {
        var found = CaseRulesTests.AtStep(CaseStep.AssessmentArranged);
        found.MoveTo(CaseStep.Declined, "lw-1", "The person said no thank you", Now);

        var steps = JourneyProgress.Of(CaseView.Of(found, Now));

        Assert.Equal(["Done", "Done", "Not reached", "Not reached", "Not reached", "Not reached", "Not reached"], steps.Select(s => s.State));
        Assert.DoesNotContain(steps, s => s.IsCurrent);
    }
}
