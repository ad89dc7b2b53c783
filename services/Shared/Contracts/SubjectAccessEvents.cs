namespace SocialPrescribing.Contracts;

/// <summary>
/// A manager asked for everything the suite holds about a person (UK GDPR Article 15). Intake, which
/// owns the person, names their referrals and cases; every other service that holds their data answers
/// with a <see cref="SubjectAccessContributed"/> for <see cref="RequestId"/>.
/// </summary>
public sealed record SubjectAccessRequested(
    Guid Id,
    DateTimeOffset OccurredAt,
    Guid RequestId,
    Guid PersonId,
    IReadOnlyList<Guid> ReferralIds,
    IReadOnlyList<Guid> CaseIds) : IIntegrationEvent;

/// <summary>
/// One service's part of a subject access export: <see cref="Data"/> is a JSON object of its records
/// about the person, by kind (e.g. <c>cases</c>, <c>assessments</c>, <c>auditEntries</c>).
/// </summary>
public sealed record SubjectAccessContributed(
    Guid Id,
    DateTimeOffset OccurredAt,
    Guid RequestId,
    string Service,
    string Data) : IIntegrationEvent;
