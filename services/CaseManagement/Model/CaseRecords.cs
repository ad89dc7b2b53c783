namespace SocialPrescribing.CaseManagement.Model;

/// <summary>One move of a case: from, to, who made it, why (required for exits) and when.</summary>
public sealed record StepChange(CaseStep From, CaseStep To, string By, string? Reason, DateTimeOffset At);

/// <summary>A move the journey does not allow from where the case is.</summary>
public sealed class IllegalStepException(CaseStep from, CaseStep to, IReadOnlyList<CaseStep> allowed)
    : Exception(allowed.Count == 0
        ? $"The case is closed ({from}); it cannot move to {to}."
        : $"A case at {from} cannot move to {to}. It can move to: {string.Join(", ", allowed)}.")
{
    public IReadOnlyList<CaseStep> Allowed { get; } = allowed;
}

/// <summary>A move that needs something recorded first.</summary>
public sealed class StepEvidenceMissingException(CaseStep to, string missing)
    : Exception($"Moving to {to} needs {missing}.")
{
    public string Missing { get; } = missing;
}

/// <summary>A change to a case that has ended.</summary>
public sealed class CaseClosedException(CaseStep step)
    : Exception($"The case is closed ({step}); it can no longer be changed.");

/// <summary>Withdrawing a request that is not the case's, or that the provider already took up or answered.</summary>
public sealed class PrescriptionSettledException(string message) : Exception(message);

/// <summary>Taking a case a colleague already holds; a manager reassigns it instead.</summary>
public sealed class CaseHeldException()
    : Exception("Another link worker holds this case. Ask a manager to reassign it.");

/// <summary>A wellbeing questionnaire scored for the case: which, when in the journey, how, and the reported score (no answers).</summary>
public sealed record ScoreTaken(Guid AssessmentId, string Instrument, string Timepoint, int? FollowUp, string Mode, DateOnly CompletedOn, decimal? Score);

/// <summary>A further referral of the person, joined to their open case.</summary>
public sealed record LinkedReferral(Guid ReferralId, string Reference, string Channel, string Source, bool Urgent, DateTimeOffset ReceivedAt);
