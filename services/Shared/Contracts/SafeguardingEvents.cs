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
/// A same-day review of a risk recorded at a contact was not done by <see cref="DueBy"/> (the end of its day): the team's
/// managers are told.
/// </summary>
public sealed record SameDayReviewOverdue(
    Guid Id,
    DateTimeOffset OccurredAt,
    Guid CaseId,
    Guid TaskId,
    string Reference,
    string Team,
    DateTimeOffset DueBy) : IIntegrationEvent;

/// <summary>
/// A safeguarding concern a call handler raised while taking a phone referral: it travels with <see cref="ReferralSubmitted"/>
/// to Case Management, which holds concerns, and becomes a concern on the referral's case (<see cref="RaisedBy"/>: the call
/// handler's user id). Personal and sensitive: it goes only there.
/// </summary>
public sealed record IntakeConcern(
    string Subject,
    string Category,
    string Description,
    bool PersonAware,
    bool Consent,
    bool ImmediateDanger,
    string RaisedBy);

/// <summary>
/// The categories of a safeguarding concern, shared by whoever raises one: for an adult, the categories of abuse and neglect
/// of the Care Act 2014 statutory guidance (section 14.17); for a child, the four of Working Together to Safeguard Children.
/// </summary>
public static class SafeguardingCategories
{
    public const string Adult = "adult";
    public const string Child = "child";

    public static readonly IReadOnlyDictionary<string, string> ForAdult = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["physical"] = "Physical abuse",
        ["domesticAbuse"] = "Domestic abuse",
        ["sexual"] = "Sexual abuse",
        ["psychological"] = "Psychological abuse",
        ["financial"] = "Financial or material abuse",
        ["modernSlavery"] = "Modern slavery",
        ["discriminatory"] = "Discriminatory abuse",
        ["organisational"] = "Organisational abuse",
        ["neglect"] = "Neglect and acts of omission",
        ["selfNeglect"] = "Self-neglect",
    };

    public static readonly IReadOnlyDictionary<string, string> ForChild = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["physical"] = "Physical abuse",
        ["emotional"] = "Emotional abuse",
        ["sexual"] = "Sexual abuse",
        ["neglect"] = "Neglect",
    };

    public const int MaxDescriptionLength = 4000;

    /// <summary>What is wrong with a concern as given, by field; empty when it may be raised.</summary>
    public static Dictionary<string, string> Check(string? subject, string? category, string? description)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var categories = For(subject);
        if (categories is null)
        {
            errors["subject"] = "Say whether the concern is about an adult or a child ('adult' or 'child').";
        }

        if (string.IsNullOrWhiteSpace(category))
        {
            errors["category"] = "Choose the category of abuse or neglect.";
        }
        else if (categories is not null && !categories.ContainsKey(category))
        {
            errors["category"] = $"'{category}' is not a category for {(subject == Child ? "a child" : "an adult")}: use one of {string.Join(", ", categories.Keys)}.";
        }

        if (string.IsNullOrWhiteSpace(description))
        {
            errors["description"] = "Describe what was seen or said.";
        }
        else if (description.Trim().Length > MaxDescriptionLength)
        {
            errors["description"] = $"The description must be {MaxDescriptionLength} characters or fewer.";
        }

        return errors;
    }

    /// <summary>The categories for <paramref name="subject"/>, or null when it is neither adult nor child.</summary>
    public static IReadOnlyDictionary<string, string>? For(string? subject) => subject switch
    {
        Adult => ForAdult,
        Child => ForChild,
        _ => null,
    };
}
