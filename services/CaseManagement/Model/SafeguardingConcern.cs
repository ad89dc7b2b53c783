using SocialPrescribing.Contracts;

namespace SocialPrescribing.CaseManagement.Model;

/// <summary>
/// A safeguarding concern about the person of a case (or a child around them): raised by a link worker (or a manager), acted
/// on by the safeguarding lead, who records one decision and so closes it. Kept apart from the case (its own table) because
/// fewer people may read it: the lead, the case's team and managers.
/// </summary>
public sealed class SafeguardingConcern
{
    public const string Adult = SafeguardingCategories.Adult;
    public const string Child = SafeguardingCategories.Child;

    /// <summary>The categories of abuse and neglect of the Care Act 2014 statutory guidance (section 14.17).</summary>
    public static IReadOnlyDictionary<string, string> AdultCategories => SafeguardingCategories.ForAdult;

    /// <summary>The four categories of child abuse of Working Together to Safeguard Children.</summary>
    public static IReadOnlyDictionary<string, string> ChildCategories => SafeguardingCategories.ForChild;

    public const string LocalAuthorityReferral = "localAuthorityReferral";
    public const string Advice = "advice";
    public const string NoFurtherAction = "noFurtherAction";

    public static readonly IReadOnlyDictionary<string, string> Decisions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [LocalAuthorityReferral] = "Referred to the local authority",
        [Advice] = "Advice given",
        [NoFurtherAction] = "No further action",
    };

    public const int MaxDescriptionLength = SafeguardingCategories.MaxDescriptionLength;
    public const int MaxReasonLength = 2000;
    public const int MaxReferenceLength = 64;

    /// <summary>How long the lead has for a concern with someone in immediate danger.</summary>
    public static readonly TimeSpan UrgentWithin = TimeSpan.FromHours(1);

    public Guid Id { get; private set; }

    public Guid CaseId { get; private set; }

    public string CaseReference { get; private set; } = "";

    /// <summary>The case's team when the concern was raised: its members may read the concern.</summary>
    public string Team { get; private set; } = "";

    public string Subject { get; private set; } = Adult;

    public string Category { get; private set; } = "";

    public string Description { get; private set; } = "";

    public bool PersonAware { get; private set; }

    public bool Consent { get; private set; }

    public bool ImmediateDanger { get; private set; }

    /// <summary>Immediate danger: the lead must act within the hour.</summary>
    public bool Urgent => ImmediateDanger;

    public string RaisedBy { get; private set; } = "";

    public DateTimeOffset RaisedAt { get; private set; }

    public DateTimeOffset DueBy { get; private set; }

    public string? Decision { get; private set; }

    /// <summary>The local authority's reference for its referral.</summary>
    public string? DecisionReference { get; private set; }

    public string? DecisionReason { get; private set; }

    public string? DecidedBy { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    /// <summary>When the lead's manager was told the concern was past its due time (once).</summary>
    public DateTimeOffset? OverdueAlertedAt { get; private set; }

    public bool IsOpen => Decision is null;

    public bool IsOverdue(DateTimeOffset now) => IsOpen && DueBy <= now;

    public string SubjectName => Subject == Child ? "A child" : "An adult";

    public string CategoryName => (Subject == Child ? ChildCategories : AdultCategories).TryGetValue(Category, out var name) ? name : Category;

    public string? DecisionName => Decision is null ? null : Decisions.GetValueOrDefault(Decision, Decision);

    /// <summary>Changes when the row does (PostgreSQL's xmin): two decisions at once cannot both win.</summary>
    public uint Version { get; private set; }

    private SafeguardingConcern()
    {
    }

    /// <summary>What is wrong with a concern as given, by field; empty when it may be raised.</summary>
    public static Dictionary<string, string> Check(string? subject, string? category, string? description) =>
        SafeguardingCategories.Check(subject, category, description);

    /// <summary>
    /// A concern about the case's person, due within the hour when someone is in immediate danger, otherwise by the end
    /// of the next working day (<paramref name="targets"/>' clock).
    /// </summary>
    public static SafeguardingConcern Raise(
        Case about, string subject, string category, string description, bool personAware, bool consent, bool immediateDanger,
        string by, ContactTargets targets, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(about);
        ArgumentNullException.ThrowIfNull(targets);
        // Checked by the caller (Check); a concern from another service is kept even if the categories have changed since
        // (its category is shown as given): a lead must see it whatever.
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        ArgumentException.ThrowIfNullOrWhiteSpace(category);
        ArgumentException.ThrowIfNullOrWhiteSpace(description);

        return new SafeguardingConcern
        {
            Id = Guid.CreateVersion7(now),
            CaseId = about.Id,
            CaseReference = about.Reference,
            Team = about.Team,
            Subject = subject,
            Category = category,
            Description = description.Trim(),
            PersonAware = personAware,
            Consent = consent,
            ImmediateDanger = immediateDanger,
            RaisedBy = by,
            RaisedAt = now,
            DueBy = immediateDanger ? now + UrgentWithin : targets.EndOfDay(CaseTask.AddWorkingDays(now, 1)),
        };
    }

    /// <summary>What is wrong with a decision as given, by field; empty when it may be recorded.</summary>
    public static Dictionary<string, string> CheckDecision(string? decision, string? reference, string? reason)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(decision) || !Decisions.ContainsKey(decision))
        {
            errors["decision"] = "Choose the decision: 'localAuthorityReferral', 'advice' or 'noFurtherAction'.";
        }

        if (decision == LocalAuthorityReferral && string.IsNullOrWhiteSpace(reference))
        {
            errors["reference"] = "Enter the local authority's reference for the referral.";
        }
        else if (reference?.Trim().Length > MaxReferenceLength)
        {
            errors["reference"] = $"The reference must be {MaxReferenceLength} characters or fewer.";
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            errors["reason"] = "Give the reasons for the decision.";
        }
        else if (reason.Trim().Length > MaxReasonLength)
        {
            errors["reason"] = $"The reasons must be {MaxReasonLength} characters or fewer.";
        }

        return errors;
    }

    /// <summary>Records the lead's decision, which closes the concern; a closed concern takes no second decision.</summary>
    public void Decide(string decision, string? reference, string reason, string by, DateTimeOffset now)
    {
        if (!IsOpen)
        {
            throw new ConcernClosedException();
        }

        if (CheckDecision(decision, reference, reason).Count > 0)
        {
            throw new ArgumentException("The decision has mistakes: check it first.", nameof(decision));
        }

        Decision = decision;
        DecisionReference = string.IsNullOrWhiteSpace(reference) ? null : reference.Trim();
        DecisionReason = reason.Trim();
        DecidedBy = by;
        DecidedAt = now;
    }

    /// <summary>Notes that the overdue alert went (returns false when it had already, or the concern is not overdue).</summary>
    public bool MarkOverdueAlerted(DateTimeOffset now)
    {
        if (!IsOverdue(now) || OverdueAlertedAt is not null)
        {
            return false;
        }

        OverdueAlertedAt = now;
        return true;
    }
}

/// <summary>A decision on a concern that already has one.</summary>
public sealed class ConcernClosedException() : InvalidOperationException("The concern is closed: a decision was recorded already.");
