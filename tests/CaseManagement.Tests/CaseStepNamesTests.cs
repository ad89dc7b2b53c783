using SocialPrescribing.CaseManagement.Model;
using SocialPrescribing.Contracts;

namespace SocialPrescribing.CaseManagement.Tests;

/// <summary>The step names other services read (Contracts) are exactly Case Management's own, in the journey's order.</summary>
public sealed class CaseStepNamesTests
{
    [Fact]
    public void The_steps_in_events_are_the_steps_of_the_journey_then_its_exits()
    {
        Assert.Equal([.. CaseSteps.Journey, .. CaseSteps.Exits], Enum.GetNames<CaseStep>());
        Assert.Equal(CaseSteps.Journey, Case.Journey.Select(s => s.ToString()));
        Assert.Equal(CaseSteps.Exits, Case.Exits.Select(s => s.ToString()));
    }
}
