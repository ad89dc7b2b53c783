namespace SocialPrescribing.Contracts;

/// <summary>
/// The names of a case's steps as events carry them (<see cref="CaseStepChanged"/>, <see cref="CaseClosed"/>):
/// the seven of the journey in order, then the exits. Case Management owns the journey (its <c>CaseStep</c>
/// has exactly these names, a test checks it); the other services read these, never their own copies.
/// </summary>
public static class CaseSteps
{
    public const string Referral = "Referral";
    public const string AssessmentArranged = "AssessmentArranged";
    public const string BaselineMetrics = "BaselineMetrics";
    public const string SocialPrescription = "SocialPrescription";
    public const string FurtherVisits = "FurtherVisits";
    public const string HealthRiskReduced = "HealthRiskReduced";
    public const string Outcomes = "Outcomes";

    public const string Declined = "Declined";
    public const string UnableToContact = "UnableToContact";
    public const string NotAppropriate = "NotAppropriate";
    public const string Withdrawn = "Withdrawn";

    /// <summary>The journey, first to last.</summary>
    public static readonly IReadOnlyList<string> Journey =
        [Referral, AssessmentArranged, BaselineMetrics, SocialPrescription, FurtherVisits, HealthRiskReduced, Outcomes];

    /// <summary>The ways a case can end before <see cref="Outcomes"/>.</summary>
    public static readonly IReadOnlyList<string> Exits = [Declined, UnableToContact, NotAppropriate, Withdrawn];
}
