namespace SocialPrescribing.Contracts;

/// <summary>
/// A safeguarding concern was raised on a case: the safeguarding leads are told at once (by Notifications). Nothing about
/// the concern itself travels (no category, no description): the lead reads it in Case Management.
/// </summary>
public sealed record SafeguardingConcernRaised(
    Guid Id,
    DateTimeOffset OccurredAt,
    Guid ConcernId,
    Guid CaseId,
    string Reference,
    string Team,
    bool Urgent,
    DateTimeOffset DueBy) : IIntegrationEvent;

/// <summary>A safeguarding concern is past its due time with no decision: the lead's manager (the team's managers) is told.</summary>
public sealed record SafeguardingConcernOverdue(
    Guid Id,
    DateTimeOffset OccurredAt,
    Guid ConcernId,
    Guid CaseId,
    string Reference,
    string Team,
    bool Urgent,
    DateTimeOffset DueBy) : IIntegrationEvent;

/// <summary>
/// A link worker recorded at a contact that the person is at risk: the case is urgent again with a same-day review due by
/// <see cref="DueBy"/>; if that review is not done by then, <see cref="SameDayReviewOverdue"/> follows.
/// </summary>
public sealed record SameDayReviewOverdue(
    Guid Id,
    DateTimeOffset OccurredAt,
    Guid CaseId,
    Guid TaskId,
    string Reference,
    string Team,
    DateTimeOffset DueBy) : IIntegrationEvent;
