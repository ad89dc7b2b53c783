namespace SocialPrescribing.CaseManagement.Model;

/// <summary>The seven steps of the journey, then the ways a case can end early.</summary>
public enum CaseStep
{
    Referral,
    AssessmentArranged,
    BaselineMetrics,
    SocialPrescription,
    FurtherVisits,
    HealthRiskReduced,
    Outcomes,
    Declined,
    UnableToContact,
    NotAppropriate,
    Withdrawn,
}
