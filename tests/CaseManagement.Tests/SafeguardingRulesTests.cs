using SocialPrescribing.CaseManagement.Model;

namespace SocialPrescribing.CaseManagement.Tests;

/// <summary>The rules of a safeguarding concern: categories by subject, due times, one decision.</summary>
public sealed class SafeguardingRulesTests
{
    private static readonly ContactTargets Targets = new();

    [Fact]
    public void Immediate_danger_is_due_within_the_hour_and_anything_else_by_the_end_of_the_next_working_day()
    {
        var friday = new DateTimeOffset(2026, 12, 4, 16, 0, 0, TimeSpan.Zero); // 16:00 in London on a Friday
        var found = CaseRulesTests.NewCase();

        var urgent = SafeguardingConcern.Raise(found, "adult", "physical", "Bruises.", true, false, true, "lw-1", Targets, friday);
        var routine = SafeguardingConcern.Raise(found, "child", "neglect", "No food.", false, false, false, "lw-1", Targets, friday);

        Assert.True(urgent.Urgent);
        Assert.Equal(friday.AddHours(1), urgent.DueBy);
        Assert.False(routine.Urgent);
        Assert.Equal(Targets.EndOfDay(new DateOnly(2026, 12, 7)), routine.DueBy); // Monday, not Saturday
    }

    [Theory]
    [InlineData("adult", "selfNeglect", true)]
    [InlineData("adult", "modernSlavery", true)]
    [InlineData("adult", "emotional", false)]
    [InlineData("child", "emotional", true)]
    [InlineData("child", "selfNeglect", false)]
    [InlineData("child", "financial", false)]
    public void Each_subject_has_its_own_categories(string subject, string category, bool allowed) =>
        Assert.Equal(allowed, !SafeguardingConcern.Check(subject, category, "What was seen.").ContainsKey("category"));

    [Fact]
    public void The_care_act_s_ten_categories_and_the_four_for_children_are_offered()
    {
        Assert.Equal(10, SafeguardingConcern.AdultCategories.Count);
        Assert.Equal(["emotional", "neglect", "physical", "sexual"], SafeguardingConcern.ChildCategories.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_decision_closes_the_concern_and_a_second_is_refused()
    {
        var now = new DateTimeOffset(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);
        var concern = SafeguardingConcern.Raise(CaseRulesTests.NewCase(), "adult", "financial", "Pension taken.", true, true, false, "lw-1", Targets, now);

        Assert.Contains("reference", SafeguardingConcern.CheckDecision("localAuthorityReferral", null, "Referred.").Keys);
        Assert.Contains("reason", SafeguardingConcern.CheckDecision("advice", null, " ").Keys);
        concern.Decide("localAuthorityReferral", " LA-1 ", "Referred.", "lead-1", now.AddMinutes(30));

        Assert.False(concern.IsOpen);
        Assert.Equal("LA-1", concern.DecisionReference);
        Assert.False(concern.IsOverdue(now.AddDays(3)));
        Assert.Throws<ConcernClosedException>(() => concern.Decide("advice", null, "Again.", "lead-1", now.AddHours(1)));
    }
}
